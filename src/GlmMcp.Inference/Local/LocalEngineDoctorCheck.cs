using System.Diagnostics;
using System.Globalization;
using GlmMcp.Core;
using GlmMcp.Core.Diagnostics;

namespace GlmMcp.Inference.Local;

/// <summary>
/// <c>glm-mcp doctor</c> lines for the local engine: which model files it will use, what their headers say, and
/// whether llama.cpp loads them (the load stays, so the first tool call is warm).
/// </summary>
public sealed class LocalEngineDoctorCheck(ILocalModelFiles files, LocalGlmChatClient client) : IDoctorCheck
{
    private const string Name = "engine";

    public async Task<IReadOnlyList<DoctorCheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        LocalModelPaths paths;
        try
        {
            paths = await files.ResolveAsync(null, cancellationToken).ConfigureAwait(false);
        }
        catch (UserInputException e)
        {
            return [DoctorCheckResult.Fail(Name, "local engine: no model files", e.Message)];
        }

        var lines = new List<DoctorCheckResult>
        {
            DoctorCheckResult.Ok("model", $"{paths.ModelPath} + mmproj {paths.MmprojPath ?? "(none)"}"),
        };
        try
        {
            var info = LocalModelValidator.Validate(paths);
            lines.Add(DoctorCheckResult.Ok("model", string.Create(CultureInfo.InvariantCulture,
                $"{info.Architecture}, {info.BlockCount} layers, embedding {info.EmbeddingLength}, M-RoPE sections " +
                $"[{string.Join(",", info.RopeSections)}], projector {info.ProjectorType}")));
            var watch = Stopwatch.StartNew();
            await client.LoadAsync(null, cancellationToken).ConfigureAwait(false);
            lines.Add(DoctorCheckResult.Ok(Name, string.Create(CultureInfo.InvariantCulture,
                $"local engine (LLamaSharp) loads the model in {watch.Elapsed.TotalSeconds:0.0} s")));
        }
        catch (UserInputException e)
        {
            lines.Add(DoctorCheckResult.Fail(Name, "local engine: the model files cannot be used", e.Message));
        }

        return lines;
    }
}
