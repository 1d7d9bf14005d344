using System.Text;
using System.Text.Json;
using GlmMcp.Core;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Rendering;
using GlmMcp.Core.Security;
using GlmMcp.Core.Workflows.LocateAndEdit;

namespace GlmMcp.Server.Tests.Workflows;

/// <summary>
/// locate_and_edit on pages of a real Vite dev server on loopback (a React 19 app, a Vue 3 app and a Svelte 5 app from
/// tests/devapps, started by the test): the marked element is mapped to its source file and line, the scripted model
/// rewrites it there, the dev server picks the file up, and the re-render must change only the marked area.
/// </summary>
public sealed class LocateAndEditDevServerTests(WorkflowServices services) : IClassFixture<WorkflowServices>
{
    private const int Width = 800;
    private const int Height = 300;

    private const string ReactSubscribe = "<button className=\"btn\" type=\"submit\">Subscribe</button>";
    private const string ReactDarkSubscribe = "<button className=\"btn\" type=\"submit\" style={{ background: '#1e3a8a', color: '#fff' }}>Subscribe</button>";
    private const string VueSubscribe = "<button class=\"btn\" type=\"submit\">Subscribe</button>";
    private const string VueDarkSubscribe = "<button class=\"btn\" type=\"submit\" style=\"background: #1e3a8a; color: #fff\">Subscribe</button>";
    private const string SvelteSubscribe = VueSubscribe;
    private const string SvelteDarkSubscribe = VueDarkSubscribe;

    private LocateAndEditWorkflow Workflow => services.Get<LocateAndEditWorkflow>();

    private static LocateAndEditRequest Edit(Uri url, PixelRect region, string root, bool dryRun = false) =>
        new("make the Subscribe button dark blue", region, null, null, null, null, dryRun, Width, Height, 1, new AllowedRoots([root]), url.AbsoluteUri);

    /// <summary>The Subscribe button's box in the live page, grown by 4 pixels: the box a user would draw.</summary>
    private async Task<PixelRect> SubscribeBoxAsync(Uri url)
    {
        var render = await services.Get<IPageRenderer>().RenderAsync(new RenderRequest
        {
            Url = url.AbsoluteUri,
            Width = Width,
            Height = Height,
            Script = """
                async () => {
                  for (let i = 0; i < 100 && !document.querySelector('button[type=submit]'); i++) await new Promise(r => setTimeout(r, 50));
                  const r = document.querySelector('button[type=submit]').getBoundingClientRect();
                  return JSON.stringify([r.left, r.top, r.width, r.height]);
                }
                """,
        });
        var box = JsonSerializer.Deserialize<double[]>(render.ScriptResult!)!;
        return new PixelRect((int)box[0] - 4, (int)box[1] - 4, (int)box[2] + 8, (int)box[3] + 8);
    }

    [Fact]
    public async Task Make_the_Subscribe_button_dark_blue_in_a_React_app_edits_its_JSX_line_and_only_the_box_changes_then_undo_restores_it()
    {
        await using var vite = await ViteDevServer.StartAsync("react");
        var app = vite.App.File("src/App.jsx");
        var original = await File.ReadAllTextAsync(app);
        var box = await SubscribeBoxAsync(vite.BaseUri);
        var chat = new TestChatClient($"```jsx\n{ReactDarkSubscribe}\n```");

        var result = await Workflow.RunAsync(Edit(vite.BaseUri, box, vite.App.Path), chat, null, default);

        Assert.True(result.Accepted, result.Reason);
        Assert.StartsWith("src/App.jsx:7 (react _debugStack", result.Source);
        Assert.Equal(ReactSubscribe, result.Snippet);
        Assert.Equal(original.Replace(ReactSubscribe, ReactDarkSubscribe), await File.ReadAllTextAsync(app));
        Assert.Contains($"--- a/src/App.jsx\n+++ b/src/App.jsx\n@@ -4,7 +4,7 @@\n", result.UnifiedDiff);
        Assert.Contains($"-      {ReactSubscribe}\n+      {ReactDarkSubscribe}\n", result.UnifiedDiff);
        Assert.Equal(0, result.ChangedOutside);
        Assert.True(result.ChangedInside > 3000, $"{result.ChangedInside}");
        Assert.All(result.ChangedRegions, r => Assert.True(r.X >= box.X - 8 && r.X + r.Width <= box.Right + 8 && r.Y >= box.Y - 8 && r.Y + r.Height <= box.Bottom + 8, $"{r}"));
        Assert.Contains("written in src/App.jsx at line 7", chat.Requests.Single().Messages[^1].Text);

        var (_, restored) = await services.Get<FileEditUndo>().UndoAsync(result.SessionId!, null, new AllowedRoots([vite.App.Path]), default);

        Assert.Equal([app], restored);
        Assert.Equal(original, await File.ReadAllTextAsync(app));
    }

    [Fact]
    public async Task Make_the_Subscribe_button_dark_blue_in_a_Vue_app_edits_the_button_in_its_component_template()
    {
        await using var vite = await ViteDevServer.StartAsync("vue");
        var signup = vite.App.File("src/Signup.vue");
        var original = await File.ReadAllTextAsync(signup);
        var box = await SubscribeBoxAsync(vite.BaseUri);
        var chat = new TestChatClient($"```vue\n{VueDarkSubscribe}\n```");

        var result = await Workflow.RunAsync(Edit(vite.BaseUri, box, vite.App.Path), chat, null, default);

        Assert.True(result.Accepted, result.Reason);
        Assert.Equal("src/Signup.vue:8 (vue __file, element found in its template)", result.Source);
        Assert.Equal(original.Replace(VueSubscribe, VueDarkSubscribe), await File.ReadAllTextAsync(signup));
        Assert.Contains($"-    {VueSubscribe}\n+    {VueDarkSubscribe}\n", result.UnifiedDiff);
        Assert.Equal(0, result.ChangedOutside);
        Assert.True(result.ChangedInside > 3000, $"{result.ChangedInside}");
        Assert.Equal(await File.ReadAllTextAsync(Path.Join(ViteDevServer.DevAppsFolder, "vue", "src", "App.vue")), await File.ReadAllTextAsync(vite.App.File("src/App.vue")));
    }

    [Fact]
    public async Task Make_the_Subscribe_button_dark_blue_in_a_Svelte_app_edits_its_component_markup_and_undo_restores_it()
    {
        await using var vite = await ViteDevServer.StartAsync("svelte");
        var signup = vite.App.File("src/Signup.svelte");
        var original = await File.ReadAllTextAsync(signup);
        var box = await SubscribeBoxAsync(vite.BaseUri);
        var chat = new TestChatClient($"```svelte\n{SvelteDarkSubscribe}\n```");

        var result = await Workflow.RunAsync(Edit(vite.BaseUri, box, vite.App.Path), chat, null, default);

        Assert.True(result.Accepted, result.Reason);
        Assert.StartsWith("src/Signup.svelte:7 (svelte __svelte_meta", result.Source);
        Assert.Equal(SvelteSubscribe, result.Snippet);
        Assert.Equal(original.Replace(SvelteSubscribe, SvelteDarkSubscribe), await File.ReadAllTextAsync(signup));
        Assert.Contains($"-  {SvelteSubscribe}\n+  {SvelteDarkSubscribe}\n", result.UnifiedDiff);
        Assert.Equal(0, result.ChangedOutside);
        Assert.True(result.ChangedInside > 3000, $"{result.ChangedInside}");
        Assert.Equal(await File.ReadAllTextAsync(Path.Join(ViteDevServer.DevAppsFolder, "svelte", "src", "App.svelte")), await File.ReadAllTextAsync(vite.App.File("src/App.svelte")));

        var (_, restored) = await services.Get<FileEditUndo>().UndoAsync(result.SessionId!, null, new AllowedRoots([vite.App.Path]), default);

        Assert.Equal([signup], restored);
        Assert.Equal(original, await File.ReadAllTextAsync(signup));
    }

    [Fact]
    public async Task An_edit_that_moves_the_other_button_is_refused_and_the_source_file_is_put_back()
    {
        await using var vite = await ViteDevServer.StartAsync("react");
        var app = vite.App.File("src/App.jsx");
        var original = await File.ReadAllTextAsync(app);
        var box = await SubscribeBoxAsync(vite.BaseUri);
        var wide = "```jsx\n<button className=\"btn\" type=\"submit\" style={{ background: '#1e3a8a', width: 400 }}>Subscribe</button>\n```";
        var chat = new TestChatClient(wide, wide);

        var result = await Workflow.RunAsync(Edit(vite.BaseUri, box, vite.App.Path), chat, null, default);

        Assert.False(result.Accepted);
        Assert.Contains("outside the marked area", result.Reason);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(original, await File.ReadAllTextAsync(app));
        Assert.Null(result.SessionId);
    }

    [Fact]
    public async Task A_dry_run_on_a_dev_server_returns_the_diff_and_leaves_the_source_as_it_was()
    {
        await using var vite = await ViteDevServer.StartAsync("react");
        var app = vite.App.File("src/App.jsx");
        var original = await File.ReadAllTextAsync(app);
        var chat = new TestChatClient($"```jsx\n{ReactDarkSubscribe}\n```");

        var result = await Workflow.RunAsync(Edit(vite.BaseUri, await SubscribeBoxAsync(vite.BaseUri), vite.App.Path, dryRun: true), chat, null, default);

        Assert.True(result.Accepted, result.Reason);
        Assert.Contains($"+      {ReactDarkSubscribe}\n", result.UnifiedDiff);
        Assert.Equal(original, await File.ReadAllTextAsync(app));
        Assert.Null(result.WrittenPath);
    }

    [Fact]
    public async Task A_page_without_framework_source_info_is_mapped_by_a_search_of_the_roots_and_a_server_that_is_not_Vite_gets_a_pause()
    {
        using var root = new TempFolder();
        Directory.CreateDirectory(root.File("site"));
        root.Write("site/other.html", "<button class=\"btn\">Learn more</button>");
        var index = root.Write("site/index.html",
            "<!DOCTYPE html>\n<html><body style=\"margin:0\">\n<button class=\"btn\" style=\"margin:40px;width:160px;height:48px\">Learn more</button>\n" +
            "<button id=\"subscribe\" class=\"btn\" style=\"width:160px;height:48px\">Subscribe</button>\n</body></html>\n");
        // A plain static server: serves the file as it is on disk now, and 404 for anything else (no /@fs/ modules).
        await using var server = new LoopbackHttpServer(async (context, _) =>
        {
            if (context.Request.Url!.AbsolutePath == "/")
            {
                var body = await File.ReadAllBytesAsync(index);
                context.Response.ContentType = "text/html";
                await context.Response.OutputStream.WriteAsync(body);
            }
            else
            {
                context.Response.StatusCode = 404;
            }
            context.Response.Close();
        });
        var chat = new TestChatClient("```html\n<button id=\"subscribe\" class=\"btn\" style=\"width:160px;height:48px;background:#1e3a8a;color:#fff\">Subscribe</button>\n```");

        var result = await Workflow.RunAsync(Edit(server.BaseUri, new PixelRect(236, 36, 168, 56), root.Path), chat, null, default);

        Assert.True(result.Accepted, result.Reason);
        Assert.StartsWith("site/index.html:4 (search of the roots (score ", result.Source);
        Assert.Contains("background:#1e3a8a", await File.ReadAllTextAsync(index));
        Assert.Equal(0, result.ChangedOutside);
    }

    [Fact]
    public async Task A_url_that_is_not_on_loopback_is_refused_before_anything_is_rendered()
    {
        using var root = new TempFolder();
        var chat = new TestChatClient("```jsx\n<button/>\n```");

        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            Workflow.RunAsync(Edit(new Uri("http://example.com:5173/"), new PixelRect(0, 0, 10, 10), root.Path), chat, null, default));

        Assert.Contains("is not on this machine", error.Message);
        Assert.Empty(chat.Requests);
    }

    [Fact]
    public async Task A_dev_server_that_never_picks_up_the_change_is_a_clear_error_and_the_file_is_put_back()
    {
        using var root = new TempFolder();
        const string Page = "<!DOCTYPE html><html><body style=\"margin:0\"><button id=\"subscribe\" class=\"btn\" style=\"margin:40px;width:160px;height:48px\">Subscribe</button></body></html>";
        var index = root.Write("index.html", Page);
        // Serves the page, and the same module for every /@fs/ path whatever is on disk: a server that never reloads.
        await using var server = new LoopbackHttpServer((context, _) =>
        {
            var body = Encoding.UTF8.GetBytes(context.Request.Url!.AbsolutePath.StartsWith("/@fs/", StringComparison.Ordinal) ? "export default 1;" : Page);
            context.Response.ContentType = "text/html";
            return context.Response.OutputStream.WriteAsync(body).AsTask().ContinueWith(_ => context.Response.Close());
        });
        var chat = new TestChatClient("```html\n<button id=\"subscribe\" class=\"btn\" style=\"margin:40px;width:160px;height:48px;background:#1e3a8a\">Subscribe</button>\n```");

        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            Workflow.RunAsync(Edit(server.BaseUri, new PixelRect(36, 36, 168, 56), root.Path), chat, null, default));

        Assert.Contains("did not pick up the change to index.html within 10 s", error.Message);
        Assert.Contains("the file was put back", error.Message);
        Assert.Equal(Page, await File.ReadAllTextAsync(index));
    }

    [Fact]
    public async Task A_page_that_never_stops_changing_is_a_clear_error_and_nothing_is_written()
    {
        using var root = new TempFolder();
        const string Page = "<!DOCTYPE html><html><body><button id=\"clock\">0</button><script>let n = 0; setInterval(() => clock.textContent = ++n, 30);</script></body></html>";
        var index = root.Write("index.html", Page);
        await using var server = new LoopbackHttpServer((context, _) =>
        {
            var body = Encoding.UTF8.GetBytes(Page);
            context.Response.ContentType = "text/html";
            return context.Response.OutputStream.WriteAsync(body).AsTask().ContinueWith(_ => context.Response.Close());
        });
        var chat = new TestChatClient("```html\n<button id=\"clock\" style=\"color:red\">0</button>\n```");

        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            Workflow.RunAsync(Edit(server.BaseUri, new PixelRect(0, 0, 60, 30), root.Path), chat, null, default));

        Assert.Contains("kept changing", error.Message);
        Assert.Empty(chat.Requests);
        Assert.Equal(Page, await File.ReadAllTextAsync(index));
    }
}
