using System.Text.Json;
using GlmMcp.Core;
using GlmMcp.Core.Diagnostics;
using GlmMcp.Inference.Local;
using GlmMcp.Inference.Models;
using GlmMcp.Inference.OpenAi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GlmMcp.Inference.Engines;

/// <summary>
/// Doctor lines for the engine: which one answers and whether it is there — the OpenAI server's model list, or the
/// local model files (cached or not; when they are, the local engine's own check validates and loads them).
/// </summary>
internal sealed class EngineDoctorCheck(
    IChatClientProvider provider, IOptions<EngineOptions> engine, IOptions<OpenAiEngineOptions> openAi,
    IOptions<ModelsOptions> models, CachedModelFiles files, ModelCache cache, IServiceProvider services) : IDoctorCheck
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    public async Task<IReadOnlyList<DoctorCheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        switch (engine.Value.Kind)
        {
            case EngineKind.OpenAi:
                return [await ProbeOpenAiAsync(cancellationToken).ConfigureAwait(false)];
            case EngineKind.Sampling:
                return [DoctorCheckResult.Ok("engine", "sampling: each call asks the connected MCP client's model (the client must declare the sampling capability)")];
            default:
                return [DoctorCheckResult.Ok("engine", provider.Describe(null)), .. await CheckLocalFilesAsync(cancellationToken).ConfigureAwait(false)];
        }
    }

    private async Task<DoctorCheckResult> ProbeOpenAiAsync(CancellationToken cancellationToken)
    {
        var options = openAi.Value;
        var model = string.IsNullOrWhiteSpace(engine.Value.Model) ? OpenAiEngineOptions.DefaultModel : engine.Value.Model;
        var url = new Uri(options.BaseUrl!.TrimEnd('/') + "/models");
        using var http = new HttpClient { Timeout = ProbeTimeout };
        if (Environment.GetEnvironmentVariable(options.ApiKeyVariable) is { Length: > 0 } key)
            http.DefaultRequestHeaders.Authorization = new("Bearer", key);
        try
        {
            using var response = await http.GetAsync(url, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return DoctorCheckResult.Warn("engine", $"{provider.Describe(null)}: GET {url} answered {(int)response.StatusCode}",
                    $"check Engine:OpenAi:BaseUrl and the key in {options.ApiKeyVariable}");
            }
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            var served = json.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array
                ? data.EnumerateArray().Select(m => m.TryGetProperty("id", out var id) ? id.GetString() : null).OfType<string>().ToList()
                : [];
            return served.Count == 0 || served.Contains(model, StringComparer.Ordinal)
                ? DoctorCheckResult.Ok("engine", $"{provider.Describe(null)}: reachable, serves {string.Join(", ", served)}")
                : DoctorCheckResult.Fail("engine", $"{provider.Describe(null)}: the server serves {string.Join(", ", served)}, not {model}",
                    $"set --model to one of them (Engine:Model), or start vLLM with --served-model-name {model}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            return DoctorCheckResult.Fail("engine", $"{provider.Describe(null)}: unreachable ({e.Message})",
                "start the vLLM/SGLang server (README) or fix --base-url (Engine:OpenAi:BaseUrl)");
        }
    }

    private async Task<IReadOnlyList<DoctorCheckResult>> CheckLocalFilesAsync(CancellationToken cancellationToken)
    {
        CatalogModel? catalogModel;
        try
        {
            catalogModel = files.ConfiguredCatalogModel;
        }
        catch (UserInputException e)
        {
            return [DoctorCheckResult.Fail("model", e.Message, "run `glm-mcp models` for the names")];
        }
        if (catalogModel is not null && !cache.IsCached(catalogModel))
        {
            var detail = $"{catalogModel.Name} is not downloaded (about {ModelDownloader.FormatBytes(catalogModel.ApproxBytes)}, cache {cache.Root})";
            return [models.Value.AutoPull
                ? DoctorCheckResult.Warn("model", detail + "; Models:AutoPull will fetch it on first use")
                : DoctorCheckResult.Fail("model", detail, $"glm-mcp pull {catalogModel.Name}")];
        }
        // Files are there: the local engine's own check reads their headers and loads them.
        return await ActivatorUtilities.CreateInstance<LocalEngineDoctorCheck>(services).RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
