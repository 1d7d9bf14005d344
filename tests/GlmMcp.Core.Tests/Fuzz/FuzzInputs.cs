namespace GlmMcp.Core.Tests.Fuzz;

/// <summary>
/// The inputs a fuzz target is replayed on: its seed corpus (bench/GlmMcp.Fuzz/corpus/&lt;target&gt;) and the crash inputs
/// bench/fuzz.sh copied into this project's Fuzz/Crashes/&lt;target&gt; folder, as paths relative to the repository root.
/// </summary>
internal static class FuzzInputs
{
    private static readonly string RepositoryRoot = FindRepositoryRoot();

    public static TheoryData<string> For(string target)
    {
        var folders = new[]
        {
            Path.Join("bench", "GlmMcp.Fuzz", "corpus", target),
            Path.Join("tests", "GlmMcp.Core.Tests", "Fuzz", "Crashes", target),
        };
        var inputs = new TheoryData<string>();
        foreach (var folder in folders.Where(f => Directory.Exists(Path.Join(RepositoryRoot, f))))
        {
            foreach (var file in Directory.GetFiles(Path.Join(RepositoryRoot, folder)).Order(StringComparer.Ordinal))
                inputs.Add(Path.GetRelativePath(RepositoryRoot, file));
        }
        return inputs;
    }

    public static byte[] Read(string input) => File.ReadAllBytes(Path.Join(RepositoryRoot, input));

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Join(dir.FullName, "GlmMcp.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("GlmMcp.sln not found above " + AppContext.BaseDirectory);
    }
}
