using System.Text;
using GlmMcp.Server.Tests.Infrastructure;

namespace GlmMcp.Server.Tests.Cli;

[Trait("Category", "EndToEnd")]
public sealed class PullCommandTests
{
    [Fact]
    public async Task Pull_downloads_the_default_model_from_the_given_endpoint_and_models_then_lists_it_as_cached()
    {
        using var folder = new TempFolder();
        var cache = Path.Join(folder.Path, "cache");
        await using var mirror = new LoopbackHttpServer((c, r) => FileServer.ServeAsync(c, r, Encoding.UTF8.GetBytes("weights " + r.Path)));

        var pull = await CliRun.RunAsync(folder.Path, "pull", "--base-url", mirror.BaseUri.ToString(), "--cache-dir", cache);
        var models = await CliRun.RunAsync(folder.Path, "models", "--cache-dir", cache);

        Assert.True(pull.ExitCode == 0, pull.Stderr);
        Assert.Equal(
            ["/ggml-org/GLM-4.6V-Flash-GGUF/resolve/main/GLM-4.6V-Flash-Q4_K_M.gguf", "/ggml-org/GLM-4.6V-Flash-GGUF/resolve/main/mmproj-GLM-4.6V-Flash-f16.gguf"],
            mirror.Requests.Where(r => r.Method == "GET").Select(r => r.Path).Order());
        var weights = Path.Join(cache, "ggml-org", "GLM-4.6V-Flash-GGUF", "main", "GLM-4.6V-Flash-Q4_K_M.gguf");
        Assert.Equal("weights /ggml-org/GLM-4.6V-Flash-GGUF/resolve/main/GLM-4.6V-Flash-Q4_K_M.gguf", await File.ReadAllTextAsync(weights));
        Assert.Contains(weights, pull.Stdout);
        Assert.Contains("sha256 ", pull.Stdout);
        Assert.Contains("100%", pull.Stderr);
        Assert.Equal(0, models.ExitCode);
        var line = models.Stdout.Split('\n').Single(l => l.StartsWith("glm-4.6v-flash (default)", StringComparison.Ordinal));
        Assert.Contains(" yes ", line);
        Assert.Contains(" no ", models.Stdout.Split('\n').Single(l => l.StartsWith("glm-4.6v-q4 ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Pull_of_an_unknown_name_lists_the_known_ones_and_exits_2()
    {
        using var folder = new TempFolder();

        var run = await CliRun.RunAsync(folder.Path, "pull", "glm-9", "--cache-dir", folder.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no model named 'glm-9'", run.Stderr);
        Assert.Contains("glm-4.6v-flash", run.Stderr);
    }

    [Theory]
    [InlineData("pull")]
    [InlineData("models")]
    public async Task Model_verbs_have_help(string verb)
    {
        using var folder = new TempFolder();

        var run = await CliRun.RunAsync(folder.Path, verb, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--cache-dir", run.Stdout);
    }

    [Fact]
    public async Task Doctor_names_the_pull_command_when_the_local_model_is_missing()
    {
        using var folder = new TempFolder();

        var run = await CliRun.RunAsync(folder.Path, "doctor", "--cache-dir", folder.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("glm-mcp pull glm-4.6v-flash", run.Stdout);
    }

    [Fact]
    public async Task Doctor_reports_what_an_openai_engine_serves()
    {
        using var folder = new TempFolder();
        await using var vllm = new LoopbackHttpServer((c, _) =>
            VllmReplies.WriteJsonAsync(c, """{"object":"list","data":[{"id":"glm-4.6v","object":"model"}]}"""));

        var run = await CliRun.RunAsync(folder.Path, "doctor", "--engine", "openai", "--base-url", vllm.BaseUri + "v1");

        Assert.Contains("[ok  ] engine     openai (vllm) glm-4.6v", run.Stdout);
        Assert.Contains("reachable, serves glm-4.6v", run.Stdout);
        Assert.Equal("/v1/models", Assert.Single(vllm.Requests).Path);
    }
}
