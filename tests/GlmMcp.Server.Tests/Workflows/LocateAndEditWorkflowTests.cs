using GlmMcp.Core;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Sessions;
using GlmMcp.Core.Workflows.LocateAndEdit;
using Microsoft.Extensions.AI;
using SkiaSharp;

namespace GlmMcp.Server.Tests.Workflows;

public sealed class LocateAndEditWorkflowTests(WorkflowServices services) : IClassFixture<WorkflowServices>
{
    private const int Width = 800;
    private const int Height = 400;

    /// <summary>Three buttons in a row (x 40–200, 240–400, 440–600; y 40–100), the second with nested markup, and a card (x 40–380, y 180–340).</summary>
    private const string Page = """
        <!DOCTYPE html>
        <html>
        <head>
        <style>
          body { margin: 0; font-family: sans-serif; }
          .row { display: flex; gap: 40px; padding: 40px; }
          button { width: 160px; height: 60px; font-size: 18px; background: #ddd; border: 0; }
          .card { margin: 0 40px; padding: 20px; width: 300px; height: 120px; background: #eef; }
        </style>
        </head>
        <body>
        <div class="row">
          <button id="a">Alpha</button>
          <button id="b"><span>Beta</span></button>
          <button id="c">Gamma</button>
        </div>
        <div class="card">
          <h2>Card</h2>
          <p>Some <em>text</em></p>
        </div>
        </body>
        </html>

        """;

    private const string BlueBeta = "<button id=\"b\" style=\"background:#123a8c;color:#fff\"><span>Beta</span></button>";

    private LocateAndEditWorkflow Workflow => services.Get<LocateAndEditWorkflow>();

    private string WritePage() => services.Folder.Write($"page-{Guid.NewGuid():N}.html", Page);

    private static LocateAndEditRequest ForFile(string path, PixelRect? region = null, RgbaImage? annotated = null, string? target = null, bool dryRun = false) =>
        new("make it dark blue", region, annotated, target, null, path, dryRun, Width, Height);

    [Fact]
    public async Task A_region_over_the_second_button_changes_only_its_source_and_only_that_area_of_the_page()
    {
        var path = WritePage();
        var chat = new TestChatClient($"```html\n{BlueBeta}\n```");

        var result = await Workflow.RunAsync(ForFile(path, new PixelRect(235, 35, 170, 70)), chat, null, default);

        Assert.True(result.Accepted, result.Reason);
        Assert.Equal("button", result.ElementTag);
        Assert.Equal("<button id=\"b\"><span>Beta</span></button>", result.Snippet);
        var name = Path.GetFileName(path);
        Assert.Equal(
            $"--- a/{name}\n+++ b/{name}\n@@ -11,7 +11,7 @@\n <body>\n <div class=\"row\">\n   <button id=\"a\">Alpha</button>\n" +
            $"-  <button id=\"b\"><span>Beta</span></button>\n+  {BlueBeta}\n   <button id=\"c\">Gamma</button>\n </div>\n <div class=\"card\">\n",
            result.UnifiedDiff);
        Assert.True(result.ChangedInside > 5000, $"{result.ChangedInside}");
        Assert.Equal(0, result.ChangedOutside);
        Assert.All(result.ChangedRegions, r => Assert.True(r.X >= 232 && r.X + r.Width <= 408 && r.Y >= 32 && r.Y + r.Height <= 108, $"{r}"));
        Assert.Equal(Page.Replace("<button id=\"b\"><span>Beta</span></button>", BlueBeta), await File.ReadAllTextAsync(path));

        var asked = chat.Requests.Single().Messages;
        Assert.Equal(2, asked[^1].Contents.OfType<DataContent>().Count());
        Assert.Contains("<button id=\"b\"><span>Beta</span></button>", asked[^1].Text);
        Assert.Contains("make it dark blue", asked[^1].Text);
    }

    [Fact]
    public async Task A_red_ellipse_drawn_over_the_card_finds_the_card()
    {
        var path = WritePage();
        var (clean, _) = await services.RenderAsync(Page, Width, Height);
        var annotated = DrawEllipse(clean, new SKRect(10, 150, 410, 370));
        var chat = new TestChatClient("```html\n<div class=\"card\" style=\"background:#123a8c\">\n  <h2>Card</h2>\n  <p>Some <em>text</em></p>\n</div>\n```");

        var result = await Workflow.RunAsync(ForFile(path, annotated: annotated, dryRun: true), chat, null, default);

        Assert.Equal("annotation (ellipse)", result.Located);
        Assert.StartsWith("<div class=\"card\">", result.Snippet);
        Assert.True(result.Accepted, result.Reason);
        Assert.Equal(Page, await File.ReadAllTextAsync(path));
        Assert.Null(result.Version);
    }

    [Fact]
    public async Task A_target_description_is_grounded_by_the_models_box_to_the_right_element()
    {
        var path = WritePage();
        // 0–999 thousandths of 800×400: x 550–750 → 440–600, y 100–250 → 40–100: the Gamma button.
        var chat = new TestChatClient(
            "The button is at <|begin_of_box|>[[550,100,750,250]]<|end_of_box|>",
            "```html\n<button id=\"c\" style=\"background:#123a8c\">Gamma</button>\n```");

        var result = await Workflow.RunAsync(ForFile(path, target: "the Gamma button"), chat, null, default);

        Assert.Equal("target", result.Located);
        Assert.Equal("<button id=\"c\">Gamma</button>", result.Snippet);
        Assert.True(result.Accepted, result.Reason);
        Assert.Contains("Help me to locate the Gamma button", chat.Requests[0].Messages.Single().Text);
    }

    [Fact]
    public async Task An_edit_that_changes_the_page_elsewhere_is_detected_and_retried_with_the_evidence()
    {
        var path = WritePage();
        var chat = new TestChatClient(
            $"```html\n{BlueBeta}<style>.card {{ background: #c00 }}</style>\n```",
            $"```html\n{BlueBeta}\n```");

        var result = await Workflow.RunAsync(ForFile(path, new PixelRect(235, 35, 170, 70)), chat, null, default);

        Assert.True(result.Accepted, result.Reason);
        Assert.Equal(2, result.Attempts);
        var retry = chat.Requests[1].Messages;
        Assert.Contains("not accepted", retry[^1].Text);
        Assert.Contains("outside the marked area", retry[^1].Text);
        Assert.Equal(2, retry[^1].Contents.OfType<DataContent>().Count());
        Assert.DoesNotContain("#c00", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task An_edit_that_keeps_changing_the_wrong_place_is_refused_and_nothing_is_written()
    {
        var path = WritePage();
        var wrong = $"```html\n{BlueBeta}<style>.card {{ background: #c00 }}</style>\n```";
        var chat = new TestChatClient(wrong, wrong);

        var result = await Workflow.RunAsync(ForFile(path, new PixelRect(235, 35, 170, 70)), chat, null, default);

        Assert.False(result.Accepted);
        Assert.Contains("outside the marked area", result.Reason);
        Assert.True(result.ChangedOutside > 1000);
        Assert.Contains("#c00", result.UnifiedDiff);
        Assert.Equal(Page, await File.ReadAllTextAsync(path));
        Assert.Null(result.Version);
    }

    [Fact]
    public async Task A_tailwind_session_is_edited_on_its_page_as_screenshot_to_code_rendered_it_with_tailwind()
    {
        const string tailwindPage = "<!DOCTYPE html><html><head></head><body class=\"m-0 bg-white\">" +
                                    "<div id=\"card\" class=\"ml-10 mt-10 w-40 h-20 bg-[#ef4444]\"></div></body></html>";
        var store = services.Sessions;
        var session = await store.CreateAsync(new NewSession(Width, Height, 1, "tailwind"), default);
        await store.AddVersionAsync(session.Id, new NewSessionVersion(tailwindPage, null, "import", null, null), default);
        var chat = new TestChatClient("```html\n<div id=\"card\" class=\"ml-10 mt-10 w-40 h-20 bg-[#1e3a8a]\"></div>\n```");

        // The card is 160×80 at (40, 40) only when Tailwind styles the page; unstyled, the div has no height at all.
        var result = await Workflow.RunAsync(new LocateAndEditRequest("make it dark blue", new PixelRect(30, 30, 180, 100), null, null, session.Id, null, false),
            chat, null, default);

        Assert.True(result.Accepted, result.Reason);
        Assert.Equal("div", result.ElementTag);
        Assert.Contains("bg-[#1e3a8a]", await store.ReadCodeAsync(session.Id, 2, default));
        var after = services.Get<ImageDecoder>().Decode((await store.ReadRenderAsync(session.Id, 2, default))!, "after");
        Assert.Equal((0x1e, 0x3a, 0x8a), Pixel(after, 120, 80));
        Assert.Equal((0xff, 0xff, 0xff), Pixel(after, 400, 300));

        static (int R, int G, int B) Pixel(RgbaImage image, int x, int y)
        {
            var at = (y * image.Width + x) * RgbaImage.BytesPerPixel;
            return (image.Pixels[at], image.Pixels[at + 1], image.Pixels[at + 2]);
        }
    }

    [Fact]
    public async Task Three_turns_on_one_session_then_undo_returns_to_the_second_turn()
    {
        var store = services.Sessions;
        var session = await store.CreateAsync(new NewSession(Width, Height, 1, "html"), default);
        await store.AddVersionAsync(session.Id, new NewSessionVersion(Page, null, "import", null, null), default);
        var chat = new TestChatClient(
            "```html\n<button id=\"a\" style=\"background:#c00\">Alpha</button>\n```",
            $"```html\n{BlueBeta}\n```",
            "```html\n<button id=\"c\" style=\"background:#0a0\">Gamma</button>\n```");

        foreach (var x in new[] { 40, 240, 440 })
        {
            var turn = await Workflow.RunAsync(new LocateAndEditRequest("recolour it", new PixelRect(x, 40, 160, 60), null, null, session.Id, null, false), chat, null, default);
            Assert.True(turn.Accepted, turn.Reason);
        }

        var info = await store.GetAsync(session.Id, default);
        Assert.Equal(4, info.Current);
        var latest = await store.ReadCodeAsync(session.Id, 4, default);
        Assert.Contains("#c00", latest);
        Assert.Contains("#123a8c", latest);
        Assert.Contains("#0a0", latest);
        Assert.True((await store.ReadRenderAsync(session.Id, 4, default))!.Length > 0);

        var undone = await store.UndoAsync(session.Id, null, default);
        Assert.Equal(3, undone.Number);
        Assert.DoesNotContain("#0a0", await store.ReadCodeAsync(session.Id, 3, default));
        Assert.Contains("#123a8c", await store.ReadCodeAsync(session.Id, 3, default));
    }

    [Fact]
    public async Task Five_parallel_edits_of_one_session_all_land_and_each_stored_diff_holds_only_its_own_change()
    {
        var store = services.Sessions;
        var session = await store.CreateAsync(new NewSession(Width, Height, 1, "html"), default);
        await store.AddVersionAsync(session.Id, new NewSessionVersion(FiveButtons, null, "import", null, null), default);
        var colours = FiveColours;

        var results = await EditFiveButtonsInParallelAsync(i => new LocateAndEditRequest("recolour it", new PixelRect(40 + 140 * i, 40, 100, 60), null, null, session.Id, null, false));

        Assert.All(results, r => Assert.True(r.Accepted, r.Reason));
        Assert.All(results, r => Assert.Equal(1, r.BasedOnVersion));
        Assert.Equal([2, 3, 4, 5, 6], results.Select(r => r.Version!.Value).Order());
        Assert.All(results, r => Assert.Equal(r.Version - 1, r.ParentVersion));
        var info = await store.GetAsync(session.Id, default);
        Assert.Equal((6, 6), (info.Current, info.Latest));
        var final = await store.ReadCodeAsync(session.Id, 6, default);
        for (var i = 0; i < colours.Length; i++)
        {
            Assert.Contains($"<button id=\"b{i}\" style=\"background:{colours[i]}\">B{i}</button>", final);
            var result = results[i];
            var diff = await store.ReadDiffAsync(session.Id, result.Version!.Value, default);
            Assert.Equal([$"-  <button id=\"b{i}\">B{i}</button>"], ChangedLines(diff, '-'));
            Assert.Equal([$"+  <button id=\"b{i}\" style=\"background:{colours[i]}\">B{i}</button>"], ChangedLines(diff, '+'));
            Assert.Equal(ChangedLines(diff, '+'), ChangedLines(result.UnifiedDiff, '+'));
            Assert.True((await store.ReadRenderAsync(session.Id, result.Version.Value, default))!.Length > 0);
        }
    }

    [Fact]
    public async Task Five_parallel_edits_of_one_file_all_land_in_the_file()
    {
        var path = services.Folder.Write($"five-{Guid.NewGuid():N}.html", FiveButtons);
        var colours = FiveColours;

        var results = await EditFiveButtonsInParallelAsync(i => new LocateAndEditRequest("recolour it", new PixelRect(40 + 140 * i, 40, 100, 60), null, null, null, path, false, Width, Height));

        Assert.All(results, r => Assert.True(r.Accepted, r.Reason));
        var final = await File.ReadAllTextAsync(path);
        for (var i = 0; i < colours.Length; i++)
        {
            Assert.Contains($"<button id=\"b{i}\" style=\"background:{colours[i]}\">B{i}</button>", final);
            Assert.Equal([$"+  <button id=\"b{i}\" style=\"background:{colours[i]}\">B{i}</button>"], ChangedLines(results[i].UnifiedDiff, '+'));
        }
    }

    [Fact]
    public async Task A_file_edit_whose_element_was_changed_on_disk_meanwhile_is_refused_and_the_file_is_left_as_it_is()
    {
        var path = services.Folder.Write($"changed-{Guid.NewGuid():N}.html", FiveButtons);
        var changedOnDisk = FiveButtons.Replace("<button id=\"b1\">B1</button>", "<button id=\"b1\" class=\"edited\">B1</button>", StringComparison.Ordinal);
        var chat = new TestChatClient().Then(async _ =>
        {
            // An editor saves the file while the model answers.
            await File.WriteAllTextAsync(path, changedOnDisk);
            return "```html\n<button id=\"b1\" style=\"background:#c00\">B1</button>\n```";
        });

        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            Workflow.RunAsync(new LocateAndEditRequest("recolour it", new PixelRect(180, 40, 100, 60), null, null, null, path, false, Width, Height), chat, null, default));

        Assert.Contains("changed", error.Message, StringComparison.Ordinal);
        Assert.Equal(changedOnDisk, await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task A_file_edit_made_while_another_element_was_changed_on_disk_keeps_that_change()
    {
        var path = services.Folder.Write($"kept-{Guid.NewGuid():N}.html", FiveButtons);
        var changedOnDisk = FiveButtons.Replace("<button id=\"b4\">B4</button>", "<button id=\"b4\" class=\"edited\">B4</button>", StringComparison.Ordinal);
        var chat = new TestChatClient().Then(async _ =>
        {
            await File.WriteAllTextAsync(path, changedOnDisk);
            return "```html\n<button id=\"b1\" style=\"background:#c00\">B1</button>\n```";
        });

        var result = await Workflow.RunAsync(new LocateAndEditRequest("recolour it", new PixelRect(180, 40, 100, 60), null, null, null, path, false, Width, Height), chat, null, default);

        Assert.True(result.Accepted, result.Reason);
        var final = await File.ReadAllTextAsync(path);
        Assert.Contains("<button id=\"b4\" class=\"edited\">B4</button>", final);
        Assert.Contains("<button id=\"b1\" style=\"background:#c00\">B1</button>", final);
        Assert.Equal(["+  <button id=\"b1\" style=\"background:#c00\">B1</button>"], ChangedLines(result.UnifiedDiff, '+'));
    }

    [Fact]
    public async Task An_edit_whose_session_was_undone_meanwhile_is_reapplied_onto_the_version_undone_to()
    {
        var store = services.Sessions;
        var session = await store.CreateAsync(new NewSession(Width, Height, 1, "html"), default);
        await store.AddVersionAsync(session.Id, new NewSessionVersion(Page, null, "import", null, null), default);
        var redAlpha = Page.Replace("<button id=\"a\">Alpha</button>", "<button id=\"a\" style=\"background:#c00\">Alpha</button>");
        await store.AddVersionAsync(session.Id, new NewSessionVersion(redAlpha, null, "edit", "red alpha", null), default);
        var (modelAsked, answer) = (new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        var chat = new TestChatClient().Then(async ct =>
        {
            modelAsked.SetResult();
            await answer.Task.WaitAsync(ct);
            return "```html\n<button id=\"c\" style=\"background:#0a0\">Gamma</button>\n```";
        });

        var edit = Workflow.RunAsync(new LocateAndEditRequest("green", new PixelRect(440, 40, 160, 60), null, null, session.Id, null, false), chat, null, default);
        await UntilAskedAsync(modelAsked.Task, edit);
        var undone = await store.UndoAsync(session.Id, null, default);
        answer.SetResult();
        var result = await edit;

        Assert.Equal(1, undone.Number);
        Assert.True(result.Accepted, result.Reason);
        Assert.Equal((2, 1, 3), (result.BasedOnVersion, result.ParentVersion, result.Version));
        var saved = await store.ReadCodeAsync(session.Id, 3, default);
        Assert.Equal(Page.Replace("<button id=\"c\">Gamma</button>", "<button id=\"c\" style=\"background:#0a0\">Gamma</button>"), saved);
        Assert.Equal(saved, result.Code);
        var diff = await store.ReadDiffAsync(session.Id, 3, default);
        Assert.Equal(["-  <button id=\"c\">Gamma</button>"], ChangedLines(diff, '-'));
        Assert.Equal(3, (await store.GetAsync(session.Id, default)).Current);
        Assert.Equal(1, (await store.GetVersionAsync(session.Id, 3, default)).Parent);
    }

    [Fact]
    public async Task An_edit_whose_element_was_changed_meanwhile_is_refused_with_an_error_that_says_to_retry()
    {
        var store = services.Sessions;
        var session = await store.CreateAsync(new NewSession(Width, Height, 1, "html"), default);
        await store.AddVersionAsync(session.Id, new NewSessionVersion(Page, null, "import", null, null), default);
        var (modelAsked, answer) = (new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        var chat = new TestChatClient().Then(async ct =>
        {
            modelAsked.SetResult();
            await answer.Task.WaitAsync(ct);
            return $"```html\n{BlueBeta}\n```";
        });

        var edit = Workflow.RunAsync(new LocateAndEditRequest("blue", new PixelRect(240, 40, 160, 60), null, null, session.Id, null, false), chat, null, default);
        await UntilAskedAsync(modelAsked.Task, edit);
        var otherBeta = Page.Replace("<button id=\"b\"><span>Beta</span></button>", "<button id=\"b\"><span>Beta!</span></button>");
        await store.AddVersionAsync(session.Id, new NewSessionVersion(otherBeta, null, "edit", "exclaim", null), default);
        answer.SetResult();

        var error = await Assert.ThrowsAsync<UserInputException>(() => edit);
        Assert.Contains($"Session {session.Id} changed since version 1", error.Message);
        Assert.Contains("Retry the edit on version 2", error.Message);
        var info = await store.GetAsync(session.Id, default);
        Assert.Equal((2, 2), (info.Current, info.Latest));
    }

    [Fact]
    public async Task A_region_outside_the_screenshot_is_a_user_error()
    {
        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            Workflow.RunAsync(ForFile(WritePage(), new PixelRect(900, 500, 50, 50)), new TestChatClient(), null, default));
        Assert.Contains("lies outside the 800×400 screenshot", error.Message);
    }

    [Fact]
    public async Task An_annotated_image_of_another_size_is_a_user_error()
    {
        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            Workflow.RunAsync(ForFile(WritePage(), annotated: RgbaImage.CreateFilled(400, 200, 255, 255, 255, 255)), new TestChatClient(), null, default));
        Assert.Contains("400×200", error.Message);
    }

    [Fact]
    public async Task A_session_that_does_not_exist_is_a_user_error()
    {
        var error = await Assert.ThrowsAsync<SessionNotFoundException>(() => Workflow.RunAsync(
            new LocateAndEditRequest("x", new PixelRect(0, 0, 10, 10), null, null, "0123456789ab", null, false), new TestChatClient(), null, default));
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public async Task An_edit_of_a_damaged_session_is_a_user_error_that_names_the_session_and_the_damage()
    {
        var store = services.Sessions;
        var session = await store.CreateAsync(new NewSession(Width, Height, 1, "html"), default);
        await store.AddVersionAsync(session.Id, new NewSessionVersion(Page, null, "import", null, null), default);
        File.Delete(Path.Join(store.Workspace, session.Id, "1", "index.html"));

        var error = await Assert.ThrowsAsync<UserInputException>(() => Workflow.RunAsync(
            new LocateAndEditRequest("x", new PixelRect(40, 40, 160, 60), null, null, session.Id, null, false), new TestChatClient(), null, default));

        Assert.Contains($"Session {session.Id} is damaged: 1/index.html is missing", error.Message);
    }

    /// <summary>Five buttons in a row, 100×60 each, at x 40, 180, 320, 460 and 600, y 40–100.</summary>
    private const string FiveButtons = """
        <!DOCTYPE html>
        <html>
        <head>
        <style>
          body { margin: 0; }
          .row { display: flex; gap: 40px; padding: 40px; }
          button { width: 100px; height: 60px; background: #ddd; border: 0; }
        </style>
        </head>
        <body>
        <div class="row">
          <button id="b0">B0</button>
          <button id="b1">B1</button>
          <button id="b2">B2</button>
          <button id="b3">B3</button>
          <button id="b4">B4</button>
        </div>
        </body>
        </html>

        """;

    private static readonly string[] FiveColours = ["#c00", "#0a0", "#00c", "#a0a", "#0aa"];

    /// <summary>
    /// Runs five edits at once, edit <c>i</c> recolouring button <c>b{i}</c> with <see cref="FiveColours"/>[i]. Every
    /// model answer waits until all five edits have asked, so all five are made from the same code.
    /// </summary>
    private async Task<LocateAndEditResult[]> EditFiveButtonsInParallelAsync(Func<int, LocateAndEditRequest> request)
    {
        var asked = 0;
        var allAsked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return await Task.WhenAll(FiveColours.Select((colour, i) => Task.Run(async () =>
        {
            var chat = new TestChatClient().Then(async ct =>
            {
                if (Interlocked.Increment(ref asked) == FiveColours.Length)
                    allAsked.SetResult();
                await allAsked.Task.WaitAsync(ct);
                return $"```html\n<button id=\"b{i}\" style=\"background:{colour}\">B{i}</button>\n```";
            });
            try
            {
                return await Workflow.RunAsync(request(i), chat, null, default);
            }
            catch (Exception e)
            {
                // An edit that fails before asking must not leave the others waiting for it.
                allAsked.TrySetException(e);
                throw;
            }
        })));
    }

    /// <summary>Waits until the model has been asked; fails with the edit's own error when it ends before that.</summary>
    private static async Task UntilAskedAsync(Task asked, Task edit)
    {
        await Task.WhenAny(asked, edit);
        if (!asked.IsCompleted)
        {
            await edit;
            Assert.Fail("The edit finished without asking the model.");
        }
    }

    /// <summary>The removed (<c>-</c>) or added (<c>+</c>) lines of a unified diff, without its file headers.</summary>
    private static List<string> ChangedLines(string diff, char sign) =>
        diff.Split('\n').Where(l => l.Length > 0 && l[0] == sign && !l.StartsWith("---", StringComparison.Ordinal) && !l.StartsWith("+++", StringComparison.Ordinal)).ToList();

    private static RgbaImage DrawEllipse(RgbaImage page, SKRect oval)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(page.Width, page.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        System.Runtime.InteropServices.Marshal.Copy(page.Pixels, 0, bitmap.GetPixels(), page.Pixels.Length);
        using (var canvas = new SKCanvas(bitmap))
        using (var pen = new SKPaint { Color = new SKColor(230, 20, 30), Style = SKPaintStyle.Stroke, StrokeWidth = 5, IsAntialias = true })
            canvas.DrawOval(oval, pen);
        var pixels = new byte[page.Pixels.Length];
        System.Runtime.InteropServices.Marshal.Copy(bitmap.GetPixels(), pixels, 0, pixels.Length);
        return new RgbaImage(page.Width, page.Height, pixels);
    }
}
