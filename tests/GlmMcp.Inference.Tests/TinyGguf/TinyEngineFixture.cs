using GlmMcp.Inference.Local;

namespace GlmMcp.Inference.Tests.TinyGguf;

/// <summary>The tiny model files plus one loaded engine per architecture, shared by the tests of a class.</summary>
public sealed class TinyEngineFixture : IDisposable
{
    private readonly Dictionary<string, LocalGlmChatClient> _clients = [];
    private readonly Lock _gate = new();

    public TinyModelFiles Files { get; } = new();

    public LocalGlmChatClient Client(string architecture)
    {
        lock (_gate)
        {
            if (!_clients.TryGetValue(architecture, out var client))
            {
                client = TinyEngine.Create(Files.Paths(architecture));
                _clients[architecture] = client;
            }

            return client;
        }
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
            client.Dispose();
        Files.Dispose();
    }
}
