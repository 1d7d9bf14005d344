using System.Diagnostics;
using GlmMcp.Core.Sessions;

namespace GlmMcp.Core.Tests.Sessions;

public sealed class UnifiedDiffTests
{
    [Fact]
    public void A_one_line_change_gives_one_hunk_with_three_lines_of_context()
    {
        var before = string.Join('\n', Enumerable.Range(1, 10).Select(i => $"line {i}")) + "\n";
        var after = before.Replace("line 5\n", "line five\n");

        var diff = UnifiedDiff.Create(before, after, "a/page.html", "b/page.html");

        Assert.Equal(
            "--- a/page.html\n+++ b/page.html\n@@ -2,7 +2,7 @@\n line 2\n line 3\n line 4\n-line 5\n+line five\n line 6\n line 7\n line 8\n",
            diff);
    }

    [Fact]
    public void Equal_texts_give_an_empty_diff()
    {
        Assert.Equal(string.Empty, UnifiedDiff.Create("a\nb\n", "a\nb\n", "a", "b"));
    }

    [Fact]
    public void Far_apart_changes_give_separate_hunks_and_a_new_file_starts_at_zero()
    {
        var before = string.Join('\n', Enumerable.Range(1, 30).Select(i => $"{i}")) + "\n";
        var after = before.Replace("\n2\n", "\ntwo\n").Replace("\n28\n", "\n").Replace("\n15\n", "\n15\nextra\n");

        var diff = UnifiedDiff.Create(before, after, "a", "b");

        Assert.Equal(3, diff.Split('\n').Count(l => l.StartsWith("@@", StringComparison.Ordinal)));
        Assert.StartsWith("--- /dev/null\n+++ b\n@@ -0,0 +1,2 @@\n+x\n+y\n", UnifiedDiff.Create("", "x\ny\n", "/dev/null", "b"));
    }

    [Fact]
    public void A_missing_final_newline_is_marked()
    {
        var diff = UnifiedDiff.Create("a\nb", "a\nb\n", "a", "b");

        Assert.Equal("--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n", diff);
    }

    [Fact]
    public async Task Git_apply_applies_the_diff_and_reproduces_the_new_text()
    {
        var folder = Directory.CreateTempSubdirectory("glm-diff-");
        try
        {
            var before = string.Join('\n', Enumerable.Range(1, 60).Select(i => $"<div>{i}</div>")) + "\n";
            var after = before.Replace("<div>3</div>\n", "").Replace("<div>30</div>", "<div class=\"x\">30</div>\n<p>new</p>")
                .Replace("<div>60</div>\n", "<div>sixty</div>");
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "page.html"), before);
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "page.diff"), UnifiedDiff.Create(before, after, "a/page.html", "b/page.html"));

            using var patch = Process.Start(new ProcessStartInfo("git", ["apply", "page.diff"]) { WorkingDirectory = folder.FullName, RedirectStandardOutput = true })!;
            await patch.WaitForExitAsync();

            Assert.Equal(0, patch.ExitCode);
            Assert.Equal(after, await File.ReadAllTextAsync(Path.Combine(folder.FullName, "page.html")));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
