using GlmMcp.Inference.Local;
using Microsoft.Extensions.Options;

namespace GlmMcp.Inference.Tests.TinyGguf;

/// <summary>Builds a <see cref="LocalGlmChatClient"/> on given model files.</summary>
public static class TinyEngine
{
    public static LocalGlmChatClient Create(LocalModelPaths paths, Action<LocalEngineOptions>? configure = null)
    {
        var options = new LocalEngineOptions
        {
            ModelPath = paths.ModelPath,
            MmprojPath = paths.MmprojPath,
            ContextSize = 2048,
            BatchSize = 256,
            Threads = 2,
        };
        configure?.Invoke(options);
        var wrapped = Options.Create(options);
        return new LocalGlmChatClient(wrapped, new ConfiguredLocalModelFiles(wrapped));
    }
}
