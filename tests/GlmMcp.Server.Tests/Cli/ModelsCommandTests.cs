using System.Text.Json;
using GlmMcp.Server.Tests.Infrastructure;

namespace GlmMcp.Server.Tests.Cli;

public sealed class ModelsCommandTests
{
    [Fact]
    public async Task Models_with_json_prints_the_catalog_and_what_is_cached_as_json()
    {
        using var folder = new TempFolder();
        var cache = folder.File("cache");

        var run = await CliRun.RunAsync(folder.Path, "models", "--json", "--cache-dir", cache);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(cache, json.RootElement.GetProperty("cache").GetString());
        var models = json.RootElement.GetProperty("models").EnumerateArray().ToList();
        var flash = Assert.Single(models, m => m.GetProperty("default").GetBoolean());
        Assert.Equal("glm-4.6v-flash", flash.GetProperty("name").GetString());
        Assert.False(flash.GetProperty("cached").GetBoolean());
        Assert.Equal(0, flash.GetProperty("cachedBytes").GetInt64());
        Assert.Equal(["model", "mmproj"], flash.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("role").GetString()));
        Assert.All(flash.GetProperty("files").EnumerateArray(), f => Assert.StartsWith(cache + Path.DirectorySeparatorChar, f.GetProperty("path").GetString()));
        Assert.Contains("+", flash.GetProperty("description").GetString());
    }
}
