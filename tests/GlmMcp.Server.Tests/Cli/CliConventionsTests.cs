using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using GlmMcp.Server.Tests.Infrastructure;

namespace GlmMcp.Server.Tests.Cli;

/// <summary>The command line behaves as a command line should, through the real <c>glm-mcp</c> process.</summary>
public sealed class CliConventionsTests
{
    private const string WaitingHint = "glm-mcp: waiting for an MCP client on stdin";

    public static TheoryData<string[], string> UsageErrors => new()
    {
        { ["diff", "a.png"], "glm-mcp diff: Required argument missing for command: 'diff'." },
        { ["diff", "a.png", "b.png", "--threshold", "x"], "glm-mcp diff: Cannot parse argument 'x' for option '--threshold'; expected a number." },
        { ["diff", "a.png", "b.png", "--bogus"], "glm-mcp diff: Unrecognized command or argument '--bogus'." },
        { ["frobnicate"], "glm-mcp: Unrecognized command or argument 'frobnicate'." },
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public async Task A_command_line_that_does_not_parse_exits_2_with_the_problem_and_where_to_read_the_usage_on_stderr(string[] args, string expected)
    {
        using var folder = new TempFolder();

        var run = await CliRun.RunAsync(folder.Path, args);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains(expected, run.Stderr);
        Assert.Contains($"Run '{(args[0] == "diff" ? "glm-mcp diff" : "glm-mcp")} --help' for its usage.", run.Stderr);
    }

    [Fact]
    public async Task Diff_messages_name_the_command_line_options_not_the_tool_arguments()
    {
        using var folder = new TempFolder();

        var threshold = await CliRun.RunAsync(folder.Path, "diff", ImageFixtures.Path("text-before.png"), ImageFixtures.Path("text-after.png"), "--threshold", "2");
        var sizes = await CliRun.RunAsync(folder.Path, "diff", ImageFixtures.Path("text-before.png"), ImageFixtures.Path("layout-after.png"));

        Assert.Equal(2, threshold.ExitCode);
        Assert.Contains("glm-mcp: '--threshold' must be between 0 and 1 (got 2)", threshold.Stderr);
        Assert.Equal(2, sizes.ExitCode);
        Assert.Contains("Pass --size-mismatch pad to compare over both", sizes.Stderr);
        Assert.Contains("or --size-mismatch resize to scale", sizes.Stderr);
        Assert.DoesNotContain("size_mismatch", sizes.Stderr);
    }

    [Fact]
    public async Task Diff_with_diff_image_none_and_out_is_refused_and_writes_and_claims_no_file()
    {
        using var folder = new TempFolder();

        var run = await CliRun.RunAsync(folder.Path, "diff", ImageFixtures.Path("text-before.png"), ImageFixtures.Path("text-after.png"), "--diff-image", "none", "--out", "d.png");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains("'--diff-image none' makes no picture, so '--out' would have nothing to write", run.Stderr);
        Assert.False(File.Exists(folder.File("d.png")));
    }

    [Theory]
    [InlineData("diff")]
    [InlineData("render")]
    public async Task An_out_file_that_cannot_be_written_is_one_line_naming_the_option_and_no_stack_trace(string verb)
    {
        using var folder = new TempFolder();
        folder.Write("page.html", "<p>hi</p>");
        folder.Write("taken", "a file where a folder should be");
        var output = Path.Join(folder.Path, "taken", "out.png");
        string[] args = verb == "diff"
            ? ["diff", ImageFixtures.Path("text-before.png"), ImageFixtures.Path("text-after.png"), "--out", output]
            : ["render", "--html-file", folder.File("page.html"), "--out", output, "--width", "200", "--height", "100"];

        var run = await CliRun.RunAsync(folder.Path, args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"glm-mcp: '--out' cannot be written to {output}:", run.Stderr);
        Assert.DoesNotContain("Unhandled exception", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public async Task Serve_over_http_on_a_port_in_use_exits_2_with_one_line_that_says_what_to_do()
    {
        using var folder = new TempFolder();
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var run = await CliRun.RunAsync(folder.Path, "serve", "--http", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            $"glm-mcp: Cannot listen on 127.0.0.1:{port}: the port is in use (another glm-mcp serve --http?). Stop what listens there, or choose another port with --port (0 picks a free one).",
            run.Stderr.Trim());
    }

    [Fact]
    public async Task A_bare_glm_mcp_in_a_terminal_says_on_stderr_that_it_waits_for_an_mcp_client_and_where_the_help_is()
    {
        using var folder = new TempFolder();
        // util-linux script gives the server a pseudo-terminal as stdin, as a shell would.
        var info = new ProcessStartInfo("script")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder.Path,
        };
        foreach (var arg in (string[])["-q", "-e", "-c", $"'{ServerBinary.Path}'", "/dev/null"])
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = new StringBuilder();
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
                if (output.ToString().Contains("Ctrl+C quits.", StringComparison.Ordinal))
                    seen.TrySetResult();
            }
        };
        process.BeginOutputReadLine();
        await Task.WhenAny(seen.Task, Task.Delay(TimeSpan.FromSeconds(60)));
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();

        lock (output)
        {
            Assert.Contains(WaitingHint, output.ToString());
            Assert.Contains("see 'glm-mcp --help'", output.ToString());
        }
    }

    [Fact]
    public async Task A_glm_mcp_whose_stdin_is_not_a_terminal_prints_no_hint()
    {
        using var folder = new TempFolder();

        var run = await CliRun.RunAsync(folder.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.DoesNotContain(WaitingHint, run.Stderr);
    }
}
