namespace GlmMcp.Server.Cli.Bench;

/// <summary>A temporary folder for one benchmark run, removed afterwards.</summary>
internal sealed class ScratchFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("glm-mcp-bench-").FullName;

    public string File(string name) => System.IO.Path.Join(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
