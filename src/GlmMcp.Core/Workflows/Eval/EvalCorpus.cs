namespace GlmMcp.Core.Workflows.Eval;

/// <summary>Finds the cases of an eval corpus: the screenshots (PNG, JPEG, WebP) directly in a folder, sorted by name.</summary>
public static class EvalCorpus
{
    private static readonly string[] ImageExtensions = [".png", ".jpg", ".jpeg", ".webp"];

    /// <summary>The cases in <paramref name="folder"/>, at most <paramref name="limit"/>; throws <see cref="UserInputException"/> when there are none.</summary>
    public static IReadOnlyList<EvalCaseSource> Find(string folder, int? limit)
    {
        if (limit is < 1)
            throw new UserInputException($"'limit' must be at least 1, got {limit}.");
        if (!Directory.Exists(folder))
            throw new UserInputException($"The corpus folder does not exist: {InputEcho.Truncate(folder)}. Give a folder of screenshots (PNG, JPEG or WebP).");
        var cases = Directory.EnumerateFiles(folder)
            .Where(f => ImageExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(f =>
            {
                var reference = Path.ChangeExtension(f, ".html");
                return new EvalCaseSource(Path.GetFileNameWithoutExtension(f), f, File.Exists(reference) ? reference : null);
            })
            .Take(limit ?? int.MaxValue)
            .ToList();
        if (cases.Count == 0)
            throw new UserInputException($"The corpus folder holds no screenshots: {InputEcho.Truncate(folder)}. Put PNG, JPEG or WebP files in it (reference pages beside them as NAME.html).");
        return cases;
    }
}
