namespace GlmMcp.Testing;

/// <summary>
/// The inputs a fuzz target is replayed on: its seed corpus (bench/GlmMcp.Fuzz/corpus/&lt;target&gt;) and the crash inputs
/// bench/fuzz.sh copied into a test project's Fuzz/Crashes/&lt;target&gt; folder, as paths relative to the checkout.
/// </summary>
public static class FuzzInputs
{
    public static IReadOnlyList<string> For(string target, string testProject)
    {
        var folders = new[]
        {
            System.IO.Path.Join("bench", "GlmMcp.Fuzz", "corpus", target),
            System.IO.Path.Join("tests", testProject, "Fuzz", "Crashes", target),
        };
        return folders.Where(f => Directory.Exists(Checkout.Path(f)))
            .SelectMany(f => Directory.GetFiles(Checkout.Path(f)).Order(StringComparer.Ordinal))
            .Select(file => System.IO.Path.GetRelativePath(Checkout.Root, file))
            .ToList();
    }

    public static byte[] Read(string input) => File.ReadAllBytes(Checkout.Path(input));
}
