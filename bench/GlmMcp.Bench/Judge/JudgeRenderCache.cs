using System.Text.Json;
using GlmMcp.Core.Imaging;
using GlmMcp.Testing.Fidelity;

namespace GlmMcp.Bench.Judge;

/// <summary>
/// The corpus renders kept in a folder (PNGs and an index of the mutations), so the judge can be re-scored, e.g.
/// while tuning it, without rendering the corpus again.
/// </summary>
internal static class JudgeRenderCache
{
    private const string IndexFile = "index.json";

    public static bool Exists(DirectoryInfo folder) => File.Exists(Path.Join(folder.FullName, IndexFile));

    public static void Save(DirectoryInfo folder, FidelityCorpusRenders renders)
    {
        folder.Create();
        var references = new Dictionary<string, RgbaImage>();
        var entries = new List<Entry>();
        for (var i = 0; i < renders.Cases.Count; i++)
        {
            var (m, reference, mutated) = (renders.Cases[i].Mutation, renders.Cases[i].Reference, renders.Cases[i].Mutated);
            if (references.TryAdd(m.Page.Name, reference))
                File.WriteAllBytes(Path.Join(folder.FullName, m.Page.Name + ".png"), ImageEncoder.EncodePng(reference));
            File.WriteAllBytes(Path.Join(folder.FullName, $"{i}.png"), ImageEncoder.EncodePng(mutated));
            entries.Add(new Entry(m.Page.Name, m.Kind, m.Seed, m.Element, [m.Before.X, m.Before.Y, m.Before.Width, m.Before.Height],
                [m.After.X, m.After.Y, m.After.Width, m.After.Height], m.Detail, m.From, m.To, $"{i}.png"));
        }
        File.WriteAllText(Path.Join(folder.FullName, IndexFile), JsonSerializer.Serialize(entries));
    }

    public static FidelityCorpusRenders Load(DirectoryInfo folder)
    {
        var decoder = new ImageDecoder(new ImagingOptions());
        var pages = FidelityCorpus.Pages.ToDictionary(p => p.Name);
        var references = new Dictionary<string, RgbaImage>();
        var entries = JsonSerializer.Deserialize<List<Entry>>(File.ReadAllText(Path.Join(folder.FullName, IndexFile)))!;
        var cases = entries.Select(e =>
        {
            if (!references.TryGetValue(e.Page, out var reference))
                references[e.Page] = reference = decoder.Decode(File.ReadAllBytes(Path.Join(folder.FullName, e.Page + ".png")), e.Page);
            var mutation = new Mutation(pages[e.Page], e.Kind, e.Seed, e.Element, Rect(e.Before), Rect(e.After), e.Detail, e.From, e.To);
            return new FidelityCase(mutation, reference, decoder.Decode(File.ReadAllBytes(Path.Join(folder.FullName, e.File)), e.File));
        }).ToList();
        return new FidelityCorpusRenders(cases, [], []);
    }

    private static PixelRect Rect(int[] v) => new(v[0], v[1], v[2], v[3]);

    private sealed record Entry(string Page, MutationKind Kind, int Seed, string Element, int[] Before, int[] After, string Detail, string? From, string? To, string File);
}
