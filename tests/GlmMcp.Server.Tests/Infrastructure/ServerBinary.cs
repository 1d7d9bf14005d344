namespace GlmMcp.Server.Tests.Infrastructure;

/// <summary>Finds the <c>glm-mcp</c> executable built beside this test run (same configuration), and the checkout.</summary>
public static class ServerBinary
{
    public static string RepositoryRoot => Checkout.Root;

    /// <summary>The apphost of the server project, built by the project reference.</summary>
    public static string Path { get; } = FindServer();

    private static string FindServer()
    {
        // Tests are built in bin/{Configuration}/net10.0/; the server project builds to the same relative folder.
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = testOutput.Parent!.Parent!.Name;
        var candidates = new[]
        {
            System.IO.Path.Join(RepositoryRoot, "src", "GlmMcp.Server", "bin", configuration, testOutput.Name, "glm-mcp"),
            System.IO.Path.Join(AppContext.BaseDirectory, "glm-mcp"),
        };
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("glm-mcp not built; looked in: " + string.Join(", ", candidates));
    }
}
