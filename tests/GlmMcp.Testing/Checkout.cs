namespace GlmMcp.Testing;

/// <summary>The repository checkout the tests run from (the folder holding GlmMcp.sln above the test output).</summary>
public static class Checkout
{
    public static string Root { get; } = Find();

    /// <summary><paramref name="parts"/> joined under the checkout's root.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Join([Root, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Join(dir.FullName, "GlmMcp.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("GlmMcp.sln not found above " + AppContext.BaseDirectory);
    }
}
