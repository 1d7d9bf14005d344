using GlmMcp.Core;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Security;
using GlmMcp.Core.Workflows.LocateAndEdit;

namespace GlmMcp.Server.Tests.Workflows;

/// <summary>
/// locate_and_edit on a multi-file static site (index.html + css/site.css) in real Chromium: the element's matched
/// rules come from Chromium's CSS domain with file and line, the model (scripted) may change the HTML and the
/// stylesheet, and the re-render must change only the marked area.
/// </summary>
public sealed class LocateAndEditStaticSiteTests(WorkflowServices services) : IClassFixture<WorkflowServices>
{
    private const int Width = 800;
    private const int Height = 300;

    private const string Html = """
        <!DOCTYPE html>
        <html>
        <head>
        <link rel="stylesheet" href="css/site.css">
        </head>
        <body>
        <section class="hero">
          <h1>Weekly news</h1>
          <button class="btn btn-subscribe">Subscribe</button><button class="btn">Learn more</button>
        </section>
        </body>
        </html>

        """;

    /// <summary>Buttons at y 100–148: Subscribe x 40–200, Learn more x 240–400.</summary>
    private const string Css = """
        body { margin: 0; font-family: sans-serif; }
        .hero { padding: 40px; }
        h1 { margin: 0 0 20px; height: 40px; line-height: 40px; font-size: 32px; }
        .btn {
          width: 160px; height: 48px; font-size: 18px; border: 0; margin-right: 40px;
          background: #ddd; color: #111;
        }
        .hero .btn-subscribe {
          font-weight: bold;
        }

        """;

    private const string DarkSubscribeRule = ".hero .btn-subscribe {\n  font-weight: bold;\n  background: #1e3a8a;\n  color: #fff;\n}";

    private const string SharedDarkRule = ".btn {\n  width: 160px; height: 48px; font-size: 18px; border: 0; margin-right: 40px;\n  background: #1e3a8a; color: #fff;\n}";

    private static readonly PixelRect Subscribe = new(35, 95, 170, 58);

    private LocateAndEditWorkflow Workflow => services.Get<LocateAndEditWorkflow>();

    private static (TempFolder Site, string Index, string Sheet) WriteSite()
    {
        var site = new TempFolder();
        Directory.CreateDirectory(site.File("css"));
        return (site, site.Write("index.html", Html), site.Write("css/site.css", Css));
    }

    private static LocateAndEditRequest Edit(string index, string root, bool dryRun = false) =>
        new("make the Subscribe button dark blue", Subscribe, null, null, null, index, dryRun, Width, Height, 1, new AllowedRoots([root]));

    [Fact]
    public async Task Make_the_Subscribe_button_dark_blue_changes_its_own_rule_in_the_stylesheet_at_the_line_Chromium_reported()
    {
        var (site, index, sheet) = WriteSite();
        using var _ = site;
        var chat = new TestChatClient($"```css css/site.css\n{DarkSubscribeRule}\n```");

        var result = await Workflow.RunAsync(Edit(index, site.Path), chat, null, default);

        Assert.True(result.Accepted, result.Reason);
        Assert.Equal("button", result.ElementTag);
        Assert.Equal(Css.Replace(".hero .btn-subscribe {\n  font-weight: bold;\n}", DarkSubscribeRule), await File.ReadAllTextAsync(sheet));
        Assert.Equal(Html, await File.ReadAllTextAsync(index));
        Assert.Equal(["css/site.css"], result.Files);
        Assert.Equal("--- a/css/site.css\n+++ b/css/site.css\n@@ -7,4 +7,6 @@\n }\n .hero .btn-subscribe {\n   font-weight: bold;\n+  background: #1e3a8a;\n+  color: #fff;\n }\n", result.UnifiedDiff);
        Assert.Equal(0, result.ChangedOutside);
        Assert.True(result.ChangedInside > 4000, $"{result.ChangedInside}");
        Assert.All(result.ChangedRegions, r => Assert.True(r.X >= 32 && r.X + r.Width <= 208 && r.Y >= 92 && r.Y + r.Height <= 156, $"{r}"));

        // The rules the model saw: file and line from Chromium's CSS domain, the most specific first.
        Assert.Equal(
            [("css/site.css", 8, ".hero .btn-subscribe", "0,2,0", true), ("css/site.css", 4, ".btn", "0,1,0", true)],
            result.Rules!.Select(r => (r.File, r.Line, r.Selector, r.Specificity, r.Editable)));
        var asked = chat.Requests.Single().Messages;
        Assert.Contains("css/site.css:8 (specificity 0,2,0)\n```css\n.hero .btn-subscribe { font-weight: bold; }\n```", asked[^1].Text);
        Assert.Contains("<button class=\"btn btn-subscribe\">Subscribe</button>", asked[^1].Text);
        Assert.Contains("```css", asked[0].Text);
    }

    [Fact]
    public async Task A_shared_class_edited_for_one_button_is_caught_outside_the_box_and_the_retry_scopes_it_to_a_new_class()
    {
        var (site, index, sheet) = WriteSite();
        using var _ = site;
        var chat = new TestChatClient(
            $"```css css/site.css\n{SharedDarkRule}\n```",
            "```html\n<button class=\"btn btn-subscribe btn-dark\">Subscribe</button>\n```\n```css css/site.css\n.btn-dark { background: #1e3a8a; color: #fff; }\n```");

        var result = await Workflow.RunAsync(Edit(index, site.Path), chat, null, default);

        Assert.True(result.Accepted, result.Reason);
        Assert.Equal(2, result.Attempts);
        var retry = chat.Requests[1].Messages[^1].Text;
        Assert.Contains("outside the marked area", retry);
        Assert.Contains("The rules you changed also style elements outside the marked area: .btn (css/site.css)", retry);
        Assert.Equal(Html.Replace("<button class=\"btn btn-subscribe\">", "<button class=\"btn btn-subscribe btn-dark\">"), await File.ReadAllTextAsync(index));
        Assert.Equal(Css + "\n.btn-dark { background: #1e3a8a; color: #fff; }\n", await File.ReadAllTextAsync(sheet));
        Assert.Equal(["index.html", "css/site.css"], result.Files);
        Assert.Contains("--- a/index.html\n+++ b/index.html\n", result.UnifiedDiff);
        Assert.Contains("--- a/css/site.css\n+++ b/css/site.css\n", result.UnifiedDiff);
        Assert.Equal(0, result.ChangedOutside);
    }

    [Fact]
    public async Task A_shared_class_edited_twice_is_refused_with_the_rule_named_and_no_file_is_written()
    {
        var (site, index, sheet) = WriteSite();
        using var _ = site;
        var shared = $"```css css/site.css\n{SharedDarkRule}\n```";
        var chat = new TestChatClient(shared, shared);

        var result = await Workflow.RunAsync(Edit(index, site.Path), chat, null, default);

        Assert.False(result.Accepted);
        Assert.Contains("outside the marked area", result.Reason);
        Assert.Contains("The changed rule .btn (css/site.css) also styles other elements; scope the change to this element", result.Reason);
        Assert.True(result.ChangedOutside > 4000, $"{result.ChangedOutside}");
        Assert.Equal(Css, await File.ReadAllTextAsync(sheet));
        Assert.Equal(Html, await File.ReadAllTextAsync(index));
        Assert.Null(result.Version);
    }

    [Fact]
    public async Task A_dry_run_returns_one_diff_over_both_files_and_writes_neither()
    {
        var (site, index, sheet) = WriteSite();
        using var _ = site;
        var chat = new TestChatClient(
            "```html\n<button class=\"btn btn-subscribe btn-dark\">Subscribe</button>\n```\n```css css/site.css\n.btn-dark { background: #1e3a8a; color: #fff; }\n```");

        var result = await Workflow.RunAsync(Edit(index, site.Path, dryRun: true), chat, null, default);

        Assert.True(result.Accepted, result.Reason);
        Assert.Matches(@"^--- a/index\.html\n\+\+\+ b/index\.html\n@@[^\n]*\n(.*\n)*--- a/css/site\.css\n\+\+\+ b/css/site\.css\n@@[^\n]*\n(.*\n)*\+\.btn-dark \{ background: #1e3a8a; color: #fff; \}\n", result.UnifiedDiff);
        Assert.Equal(Html, await File.ReadAllTextAsync(index));
        Assert.Equal(Css, await File.ReadAllTextAsync(sheet));
        Assert.Null(result.Version);
    }

    [Fact]
    public async Task A_stylesheet_changed_on_disk_while_the_model_answered_is_left_alone_and_neither_file_is_written()
    {
        var (site, index, sheet) = WriteSite();
        using var _ = site;
        var theirs = Css + "/* someone else's change */\n";
        var chat = TestChatClient.Answering(_ =>
        {
            File.WriteAllText(sheet, theirs);
            return "```html\n<button class=\"btn btn-subscribe btn-dark\">Subscribe</button>\n```\n```css css/site.css\n.btn-dark { background: #1e3a8a; color: #fff; }\n```";
        });

        var error = await Assert.ThrowsAsync<UserInputException>(() => Workflow.RunAsync(Edit(index, site.Path), chat, null, default));

        Assert.Contains("css/site.css changed on disk since this edit read it; nothing was written", error.Message);
        Assert.Equal(theirs, await File.ReadAllTextAsync(sheet));
        Assert.Equal(Html, await File.ReadAllTextAsync(index));
    }

    [Fact]
    public async Task Undo_writes_back_every_file_the_edit_changed()
    {
        var (site, index, sheet) = WriteSite();
        using var _ = site;
        var chat = new TestChatClient(
            "```html\n<button class=\"btn btn-subscribe btn-dark\">Subscribe</button>\n```\n```css css/site.css\n.btn-dark { background: #1e3a8a; color: #fff; }\n```");
        var result = await Workflow.RunAsync(Edit(index, site.Path), chat, null, default);
        Assert.True(result.Accepted, result.Reason);
        Assert.NotEqual(Css, await File.ReadAllTextAsync(sheet));

        var (version, restored) = await services.Get<FileEditUndo>().UndoAsync(result.SessionId!, null, new AllowedRoots([site.Path]), default);

        Assert.Equal(result.BasedOnVersion, version.Number);
        Assert.Equal(Html, await File.ReadAllTextAsync(index));
        Assert.Equal(Css, await File.ReadAllTextAsync(sheet));
        Assert.Equal(2, restored.Count);
    }

    [Fact]
    public async Task Undo_refuses_to_overwrite_a_stylesheet_changed_on_disk_since_the_edit_and_undoes_nothing()
    {
        var (site, index, sheet) = WriteSite();
        using var _ = site;
        var chat = new TestChatClient($"```css css/site.css\n{DarkSubscribeRule}\n```");
        var result = await Workflow.RunAsync(Edit(index, site.Path), chat, null, default);
        Assert.True(result.Accepted, result.Reason);
        var edited = await File.ReadAllTextAsync(sheet) + "\n/* the user's own change */\n";
        await File.WriteAllTextAsync(sheet, edited);

        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            services.Get<FileEditUndo>().UndoAsync(result.SessionId!, null, new AllowedRoots([site.Path]), default));

        Assert.Contains("changed on disk since the edit being undone wrote it", error.Message);
        Assert.Equal(edited, await File.ReadAllTextAsync(sheet));
        Assert.Equal(result.Version, (await services.Sessions.GetAsync(result.SessionId!, default)).Current);
    }

    [Fact]
    public async Task A_stylesheet_symlinked_outside_the_roots_is_refused_by_its_name_and_nothing_of_it_leaks()
    {
        using var outside = new TempFolder();
        var secret = outside.Write("secret.css", ".btn { background: #c0ffee; } /* SECRET-MARKER */");
        using var site = new TempFolder();
        Directory.CreateDirectory(site.File("css"));
        var index = site.Write("index.html", Html);
        File.CreateSymbolicLink(site.File("css/site.css"), secret);
        var chat = new TestChatClient($"```css css/site.css\n{DarkSubscribeRule}\n```");

        var error = await Assert.ThrowsAsync<UserInputException>(() => Workflow.RunAsync(Edit(index, site.Path), chat, null, default));

        Assert.Contains("css/site.css", error.Message);
        Assert.Contains("outside the allowed roots", error.Message);
        Assert.DoesNotContain(outside.Path, error.Message);
        Assert.DoesNotContain("SECRET", error.Message);
        Assert.Empty(chat.Requests);
        Assert.Equal(".btn { background: #c0ffee; } /* SECRET-MARKER */", await File.ReadAllTextAsync(secret));
    }

    [Fact]
    public async Task An_answer_that_names_a_stylesheet_the_page_does_not_load_is_rejected_and_retried()
    {
        var (site, index, sheet) = WriteSite();
        using var _ = site;
        var chat = new TestChatClient(
            "```css ../elsewhere.css\n.btn-subscribe { background: #1e3a8a; }\n```",
            $"```css css/site.css\n{DarkSubscribeRule}\n```");

        var result = await Workflow.RunAsync(Edit(index, site.Path), chat, null, default);

        Assert.True(result.Accepted, result.Reason);
        Assert.Contains("'../elsewhere.css', which is not a stylesheet this page loads; name one of: css/site.css", chat.Requests[1].Messages[^1].Text);
        Assert.Contains("background: #1e3a8a", await File.ReadAllTextAsync(sheet));
        Assert.False(File.Exists(Path.Join(Path.GetDirectoryName(site.Path), "elsewhere.css")));
    }
}
