using System.Text.Json;
using GlmMcp.Core;
using GlmMcp.Core.Diagnostics;
using GlmMcp.Inference.Local.Gguf;
using GlmMcp.Inference.Models;
using GlmMcp.Inference.OpenAi;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GlmMcp.Inference.Engines;

/// <summary>
/// Doctor lines for the engine: which one answers and whether it is there — the OpenAI server's model list, or the
/// local model files (cached, GGUF headers, GLM text architecture with M-RoPE, a glm4v projector).
/// </summary>
internal sealed class EngineDoctorCheck(
    IChatClientProvider provider, IOptions<EngineOptions> engine, IOptions<OpenAiEngineOptions> openAi,
    IOptions<ModelsOptions> models, CachedModelFiles files, ModelCache cache, IServiceProvider services) : IDoctorCheck
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);
    private static readonly string[] GlmArchitectures = ["glm4", "glm4moe"];

    public async Task<IReadOnlyList<DoctorCheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        var engineLine = DoctorCheckResult.Ok("engine", provider.Describe(null));
        return engine.Value.Kind switch
        {
            EngineKind.OpenAi => [await ProbeOpenAiAsync(cancellationToken).ConfigureAwait(false)],
            EngineKind.Sampling => [DoctorCheckResult.Ok("engine", "sampling: each call asks the connected MCP client's model (the client must declare the sampling capability)")],
            _ => [services.GetKeyedService<IChatClient>(EngineKind.Local) is null
                    ? DoctorCheckResult.Fail("engine", "local: not registered in this build", "use --engine openai --base-url … or --engine sampling")
                    : engineLine, .. CheckLocalFiles()],
        };
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

    private IEnumerable<DoctorCheckResult> CheckLocalFiles()
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
        ResolvedModelFiles resolved;
        try
        {
            resolved = files.ResolveAsync(null, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }
        catch (UserInputException e)
        {
            return [DoctorCheckResult.Fail("model", e.Message, "fix --model/--mmproj or run `glm-mcp pull`")];
        }
        return [CheckText(resolved), CheckProjector(resolved)];
    }

    private static DoctorCheckResult CheckText(ResolvedModelFiles resolved)
    {
        try
        {
            var metadata = GgufMetadataReader.Read(resolved.ModelPath);
            var arch = metadata.GetString("general.architecture") ?? "(none)";
            if (!GlmArchitectures.Contains(arch))
                return DoctorCheckResult.Fail("model", $"{resolved.ModelPath}: architecture {arch}, not a GLM-4.6V text model (glm4 / glm4moe)", "glm-mcp pull glm-4.6v-flash");
            if (!metadata.Contains($"{arch}.rope.dimension_sections"))
            {
                return DoctorCheckResult.Fail("model", $"{resolved.ModelPath}: {arch} without M-RoPE sections (an old text-only conversion; images would come out wrong)",
                    "use a GGUF converted for vision, e.g. `glm-mcp pull glm-4.6v-flash`");
            }
            return DoctorCheckResult.Ok("model", $"{resolved.Name}: {resolved.ModelPath} (GGUF v{metadata.Version}, {arch}, {metadata.TensorCount} tensors)");
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return DoctorCheckResult.Fail("model", $"{resolved.ModelPath}: {e.Message}", "pull the model again (delete the file first) or point --model at a valid GGUF");
        }
    }

    private static DoctorCheckResult CheckProjector(ResolvedModelFiles resolved)
    {
        try
        {
            var projector = GgufMetadataReader.Read(resolved.MmprojPath).GetString("clip.projector_type") ?? "(none)";
            return projector == "glm4v"
                ? DoctorCheckResult.Ok("mmproj", $"{resolved.MmprojPath} (projector glm4v)")
                : DoctorCheckResult.Fail("mmproj", $"{resolved.MmprojPath}: projector {projector}, not glm4v", "use the mmproj-*.gguf from the same GLM-4.6V repository (--mmproj)");
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return DoctorCheckResult.Fail("mmproj", $"{resolved.MmprojPath}: {e.Message}", "use the mmproj-*.gguf from the same GLM-4.6V repository (--mmproj)");
        }
    }
}
