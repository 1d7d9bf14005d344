using System.Collections.Concurrent;
using GlmMcp.Core;
using GlmMcp.Inference.Local;
using GlmMcp.Inference.Local.Gguf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GlmMcp.Inference.Tests.Local;

/// <summary>A load that llama.cpp refuses (and that leaks native memory each time it is tried) is tried once per
/// version of the files: later calls get the same clear error at once, until a file is replaced.</summary>
public sealed class FailedLoadTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("glm-broken-mmproj-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_broken_mmproj_fails_once_in_llama_cpp_then_at_once_with_the_same_error_until_it_is_replaced()
    {
        var model = Path.Join(_folder, "glm4.gguf");
        var mmproj = Path.Join(_folder, "mmproj-glm4v.gguf");
        SyntheticGgufWriter.WriteTextModel(model);
        SyntheticGgufWriter.WriteVisionProjector(mmproj);
        var good = await File.ReadAllBytesAsync(mmproj);
        // The header (all the validator reads) is intact; the tensor data llama.cpp reads is cut off.
        await File.WriteAllBytesAsync(mmproj, good[..^4096]);
        var logs = new RecordingLogger();
        var options = Options.Create(new LocalEngineOptions
        {
            ModelPath = model,
            MmprojPath = mmproj,
            ContextSize = 2048,
            BatchSize = 256,
            Threads = 2,
        });
        using var client = new LocalGlmChatClient(options, new ConfiguredLocalModelFiles(options), logs);

        var first = await Assert.ThrowsAsync<UserInputException>(() => client.LoadAsync());
        var second = await Assert.ThrowsAsync<UserInputException>(() => client.LoadAsync());

        Assert.Contains($"could not load the mmproj '{mmproj}'", first.Message);
        Assert.Contains("must be replaced", first.Message);
        Assert.Equal(first.Message, second.Message);
        Assert.Equal(1, logs.Count("Loading "));

        await File.WriteAllBytesAsync(mmproj, good);
        var info = await client.LoadAsync();

        Assert.Equal(LocalModelValidator.ProjectorType, info.ProjectorType);
        Assert.Equal(2, logs.Count("Loading "));
    }

    private sealed class RecordingLogger : ILogger<LocalGlmChatClient>
    {
        private readonly ConcurrentQueue<string> _messages = new();

        public int Count(string prefix) => _messages.Count(m => m.StartsWith(prefix, StringComparison.Ordinal));

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _messages.Enqueue(formatter(state, exception));
    }
}
