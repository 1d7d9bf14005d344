using GlmMcp.Core;
using Microsoft.Extensions.Options;

namespace GlmMcp.Inference.Local;

/// <summary>The model files named by <c>Engine:Local:ModelPath</c> and <c>Engine:Local:MmprojPath</c>.</summary>
public sealed class ConfiguredLocalModelFiles(IOptions<LocalEngineOptions> options) : ILocalModelFiles
{
    public ValueTask<LocalModelPaths> ResolveAsync(IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.ModelPath))
        {
            throw new UserInputException(
                $"No local model is configured. Set {LocalEngineOptions.SectionName}:ModelPath and :MmprojPath " +
                "(env GLM_MCP_Engine__Local__ModelPath / GLM_MCP_Engine__Local__MmprojPath, or --model/--mmproj) " +
                "to a GLM-4.6V(-Flash) text GGUF and its mmproj, or run `glm-mcp pull`.");
        }

        progress?.Report(1);
        return ValueTask.FromResult(new LocalModelPaths(o.ModelPath, o.MmprojPath));
    }
}
