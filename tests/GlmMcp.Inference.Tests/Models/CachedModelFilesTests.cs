using GlmMcp.Core;
using GlmMcp.Inference.Engines;
using GlmMcp.Inference.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GlmMcp.Inference.Tests.Models;

public sealed class CachedModelFilesTests : IDisposable
{
    private readonly string _root = Path.Join(Path.GetTempPath(), "glm-mcp-files-" + Guid.NewGuid().ToString("N"));
    private readonly byte[] _weights = "tiny-weights"u8.ToArray();
    private readonly byte[] _projector = "tiny-projector"u8.ToArray();

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void The_embedded_catalog_defaults_to_glm_46v_flash_with_a_q4_text_model_and_its_projector()
    {
        var catalog = ModelCatalog.Embedded;

        Assert.Equal("glm-4.6v-flash", catalog.Default.Name);
        Assert.Contains("Q4_K_M", catalog.Default.ModelFile.Path);
        Assert.Contains("mmproj", catalog.Default.MmprojFile.Path);
        Assert.Equal("glm4", catalog.Default.Architecture);
        Assert.Contains(catalog.Models, m => m.Architecture == "glm4moe");
        Assert.All(catalog.Models.SelectMany(m => m.Files), f => Assert.Matches("^[\\w.-]+/[\\w.-]+$", f.Repo));
    }

    [Fact]
    public async Task A_model_that_is_not_cached_names_the_exact_pull_command()
    {
        using var services = Build(new Uri("http://127.0.0.1:9/"), autoPull: false);

        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            services.GetRequiredService<CachedModelFiles>().ResolveAsync(null, CancellationToken.None).AsTask());

        Assert.Contains("`glm-mcp pull tiny`", error.Message);
        Assert.Contains("Models:AutoPull", error.Message);
    }

    [Fact]
    public async Task With_auto_pull_the_first_call_downloads_the_model_and_reports_progress()
    {
        await using var server = new LoopbackHttpServer((c, r) => FileServer.ServeAsync(c, r, r.Path.EndsWith("mmproj.gguf") ? _projector : _weights));
        using var services = Build(server.BaseUri, autoPull: true);
        var fractions = new List<double>();

        var files = await services.GetRequiredService<CachedModelFiles>().ResolveAsync(new SyncProgress(fractions), CancellationToken.None);

        Assert.Equal("tiny", files.Name);
        Assert.Equal(_weights, await File.ReadAllBytesAsync(files.ModelPath));
        Assert.Equal(_projector, await File.ReadAllBytesAsync(files.MmprojPath));
        Assert.Contains(1.0, fractions);
        Assert.Equal(2, server.Requests.Count(r => r.Method == "GET"));

        await services.GetRequiredService<CachedModelFiles>().ResolveAsync(null, CancellationToken.None);
        Assert.Equal(2, server.Requests.Count(r => r.Method == "GET"));
    }

    [Fact]
    public async Task A_model_path_without_a_projector_path_asks_for_mmproj()
    {
        Directory.CreateDirectory(_root);
        var model = Path.Join(_root, "mine.gguf");
        await File.WriteAllBytesAsync(model, _weights);
        using var services = Build(new Uri("http://127.0.0.1:9/"), autoPull: false, model: model);

        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            services.GetRequiredService<CachedModelFiles>().ResolveAsync(null, CancellationToken.None).AsTask());

        Assert.Contains("--mmproj", error.Message);
    }

    [Fact]
    public async Task Explicit_model_and_projector_paths_are_used_as_they_are()
    {
        Directory.CreateDirectory(_root);
        var model = Path.Join(_root, "mine.gguf");
        var mmproj = Path.Join(_root, "mine-mmproj.gguf");
        await File.WriteAllBytesAsync(model, _weights);
        await File.WriteAllBytesAsync(mmproj, _projector);
        using var services = Build(new Uri("http://127.0.0.1:9/"), autoPull: false, model: model, mmproj: mmproj);

        var files = await services.GetRequiredService<CachedModelFiles>().ResolveAsync(null, CancellationToken.None);

        Assert.Equal((CachedModelFiles.CustomName, model, mmproj), (files.Name, files.ModelPath, files.MmprojPath));
    }

    [Fact]
    public async Task The_local_engine_is_not_handed_out_before_its_files_are_there()
    {
        using var services = Build(new Uri("http://127.0.0.1:9/"), autoPull: false);

        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            services.GetRequiredService<IChatClientProvider>().GetAsync(null, null, CancellationToken.None).AsTask());

        Assert.Contains("glm-mcp pull tiny", error.Message);
    }

    private ServiceProvider Build(Uri baseUri, bool autoPull, string? model = null, string? mmproj = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Engine:Kind"] = "local",
            ["Engine:Model"] = model,
            ["Engine:Mmproj"] = mmproj,
            ["Models:BaseUrl"] = baseUri.ToString(),
            ["Models:CacheDir"] = Path.Join(_root, "cache"),
            ["Models:AutoPull"] = autoPull ? "true" : "false",
            ["Models:RetryDelay"] = "00:00:00.010",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(new ModelCatalog("tiny",
        [
            new CatalogModel("tiny", "test", "glm4", 26,
            [
                new CatalogFile(ModelFileRole.Model, "test-org/Tiny-GGUF", "main", "tiny.gguf", _weights.Length, null),
                new CatalogFile(ModelFileRole.Mmproj, "test-org/Tiny-GGUF", "main", "mmproj.gguf", _projector.Length, null),
            ]),
        ]));
        return services.AddEngines(configuration).BuildServiceProvider();
    }

    private sealed class SyncProgress(List<double> values) : IProgress<double>
    {
        public void Report(double value)
        {
            lock (values)
                values.Add(value);
        }
    }
}
