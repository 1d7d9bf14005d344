using System.Diagnostics;
using GlmMcp.Core.Concurrency;
using GlmMcp.Core.Rendering;

namespace GlmMcp.Core.Tests.Rendering;

[Collection(nameof(ChromiumProcessCollection))]
public sealed class PageRendererLifecycleTests
{
    [Fact]
    public async Task Prelaunch_starts_chromium_without_a_render_and_the_first_render_uses_that_browser()
    {
        await using var renderer = RendererFactory.Create();

        renderer.Prelaunch();
        renderer.Prelaunch();
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (renderer.BrowserProcessId is null && DateTime.UtcNow < until)
            await Task.Delay(50);

        var launched = renderer.BrowserProcessId;
        Assert.NotNull(launched);
        var result = await renderer.RenderAsync(new RenderRequest { Html = RenderAssert.RedSquareHtml, Width = 320, Height = 240 });
        RenderAssert.RedSquareAt(result.Image, 320, 240);
        Assert.Equal(launched, renderer.BrowserProcessId);
    }

    [Fact]
    public async Task Prelaunch_off_leaves_chromium_to_the_first_render()
    {
        await using var renderer = RendererFactory.Create(prelaunch: false);

        renderer.Prelaunch();
        await Task.Delay(1000);

        Assert.Null(renderer.BrowserProcessId);
        await renderer.RenderAsync(new RenderRequest { Html = "<p>now</p>", Width = 100, Height = 100 });
        Assert.NotNull(renderer.BrowserProcessId);
    }

    [Fact]
    public async Task A_failed_prelaunch_is_not_thrown_and_the_render_reports_the_missing_browser()
    {
        await using var renderer = RendererFactory.Create(chromiumPath: "/nope/chromium");

        renderer.Prelaunch();
        await Task.Delay(200);

        var error = await Assert.ThrowsAsync<UserInputException>(() => renderer.RenderAsync(new RenderRequest { Html = "<p>x</p>" }));
        Assert.Contains("/nope/chromium", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endless_script_times_out_with_a_clear_error_and_the_next_render_works()
    {
        await using var renderer = RendererFactory.Create(timeoutSeconds: 2);
        await renderer.RenderAsync(new RenderRequest { Html = "<p>warm</p>", Width = 100, Height = 100 });
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            renderer.RenderAsync(new RenderRequest { Html = "<script>while(true){}</script>" }));

        Assert.Contains("did not finish", error.Message, StringComparison.Ordinal);
        Assert.Contains("TimeoutSeconds", error.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed.TotalSeconds >= 1.5, "the render must have waited for its 2 s budget before giving up");
        var next = await renderer.RenderAsync(new RenderRequest { Html = RenderAssert.RedSquareHtml, Width = 320, Height = 240 });
        RenderAssert.RedSquareAt(next.Image, 320, 240);
    }

    [Fact]
    public async Task Endless_scripts_in_every_pooled_tab_do_not_wedge_the_renderer()
    {
        await using var renderer = RendererFactory.Create(timeoutSeconds: 2, poolSize: 2);
        var hung = new RenderRequest { Html = "<script>while(true){}</script>" };

        var errors = await Task.WhenAll(
            Assert.ThrowsAsync<UserInputException>(() => renderer.RenderAsync(hung)),
            Assert.ThrowsAsync<UserInputException>(() => renderer.RenderAsync(hung)));

        Assert.All(errors, e => Assert.Contains("did not finish", e.Message, StringComparison.Ordinal));
        var next = await renderer.RenderAsync(new RenderRequest { Html = RenderAssert.RedSquareHtml, Width = 320, Height = 240 });
        RenderAssert.RedSquareAt(next.Image, 320, 240);
    }

    [Fact]
    public async Task A_client_flooding_the_pool_with_endless_scripts_does_not_make_another_client_wait_behind_its_backlog()
    {
        await using var renderer = RendererFactory.Create(timeoutSeconds: 8, poolSize: 2, maxQueuedPerClient: 2);
        await renderer.RenderAsync(new RenderRequest { Html = "<p>warm</p>", Width = 100, Height = 100 });
        var hung = new RenderRequest { Html = "<script>while(true){}</script>", Width = 100, Height = 100 };
        Task<RenderResult>[] loops;
        using (CallerScope.Begin("looping-client"))
        {
            loops = [.. Enumerable.Range(0, 4).Select(_ => renderer.RenderAsync(hung))];
            var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (renderer.QueuedRenders < 2 && DateTime.UtcNow < until)
                await Task.Delay(20);
            Assert.Equal(2, renderer.QueuedRenders);
            var refused = await Assert.ThrowsAsync<UserInputException>(() => renderer.RenderAsync(hung));
            Assert.Contains("busy", refused.Message, StringComparison.Ordinal);
            Assert.Contains("Retry in 8 s", refused.Message, StringComparison.Ordinal);
        }

        RenderResult plain;
        using (CallerScope.Begin("plain-client"))
            plain = await renderer.RenderAsync(new RenderRequest { Html = RenderAssert.RedSquareHtml, Width = 320, Height = 240 });

        RenderAssert.RedSquareAt(plain.Image, 320, 240);
        Assert.True(loops.Count(t => t.IsCompleted) <= 2,
            "the plain render must get the first freed slot, ahead of the looping client's queued renders");
        foreach (var loop in loops)
            Assert.Contains("did not finish", (await Assert.ThrowsAsync<UserInputException>(() => loop)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_that_hangs_after_its_screenshot_is_closed_and_later_renders_work()
    {
        await using var renderer = RendererFactory.Create(timeoutSeconds: 10, poolSize: 1);
        var hangsLater = "<script>setTimeout(() => { while (true) {} }, 200)</script><p>rendered before the loop</p>";

        await renderer.RenderAsync(new RenderRequest { Html = hangsLater, Width = 200, Height = 100 });
        await Task.Delay(500);
        for (var i = 0; i < 3; i++)
        {
            var next = await renderer.RenderAsync(new RenderRequest { Html = RenderAssert.RedSquareHtml, Width = 320, Height = 240 });
            RenderAssert.RedSquareAt(next.Image, 320, 240);
        }
    }

    [Fact]
    public async Task A_browser_killed_from_outside_is_relaunched_on_the_next_render()
    {
        await using var renderer = RendererFactory.Create();
        await renderer.RenderAsync(new RenderRequest { Html = "<p>first</p>", Width = 100, Height = 100 });
        var firstPid = renderer.BrowserProcessId!.Value;

        using (var browser = Process.GetProcessById(firstPid))
        {
            browser.Kill(entireProcessTree: true);
            await browser.WaitForExitAsync();
        }
        var result = await renderer.RenderAsync(new RenderRequest { Html = RenderAssert.RedSquareHtml, Width = 320, Height = 240 });

        RenderAssert.RedSquareAt(result.Image, 320, 240);
        Assert.NotEqual(firstPid, renderer.BrowserProcessId);
    }

    [Fact]
    public async Task Disposing_the_renderer_leaves_no_chromium_process_and_removes_its_profile()
    {
        var renderer = RendererFactory.Create();
        await Task.WhenAll(
            renderer.RenderAsync(new RenderRequest { Html = "<p>one</p>", Width = 100, Height = 100 }),
            renderer.RenderAsync(new RenderRequest { Html = "<p>two</p>", Width = 100, Height = 100 }));
        var profile = renderer.BrowserUserDataDir!;
        Assert.NotEmpty(ChromiumProcessScan.Leftovers(profile));

        await renderer.DisposeAsync();

        Assert.Empty(await ChromiumProcessScan.LeftoversAfterAsync(profile, TimeSpan.FromSeconds(5)));
        Assert.False(Directory.Exists(profile), $"the profile {profile} was left behind");
        await Assert.ThrowsAsync<ObjectDisposedException>(() => renderer.RenderAsync(new RenderRequest { Html = "<p>late</p>" }));
    }

    [Fact]
    public async Task Disposing_after_a_timed_out_render_leaves_no_chromium_process()
    {
        var renderer = RendererFactory.Create(timeoutSeconds: 1);
        await Assert.ThrowsAsync<UserInputException>(() => renderer.RenderAsync(new RenderRequest { Html = "<script>while(true){}</script>" }));
        var profile = renderer.BrowserUserDataDir;

        await renderer.DisposeAsync();

        Assert.Empty(await ChromiumProcessScan.LeftoversAfterAsync(profile, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Launching_removes_profile_folders_left_by_a_killed_server_but_not_fresh_ones()
    {
        var stale = Directory.CreateTempSubdirectory("glm-mcp-chromium-").FullName;
        File.WriteAllText(Path.Join(stale, "Local State"), "{}");
        Directory.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-1));
        var fresh = Directory.CreateTempSubdirectory("glm-mcp-chromium-").FullName;
        try
        {
            await using var renderer = RendererFactory.Create();
            await renderer.RenderAsync(new RenderRequest { Html = "<p>x</p>", Width = 100, Height = 100 });

            Assert.False(Directory.Exists(stale), "the stale profile folder is still there");
            Assert.True(Directory.Exists(fresh), "a fresh folder (maybe a browser starting right now) was removed");
        }
        finally
        {
            Directory.Delete(fresh, recursive: true);
        }
    }

    [Fact]
    public async Task A_renderer_that_never_rendered_disposes_without_starting_chromium()
    {
        var renderer = RendererFactory.Create();

        await renderer.DisposeAsync();

        Assert.Null(renderer.BrowserProcessId);
    }
}
