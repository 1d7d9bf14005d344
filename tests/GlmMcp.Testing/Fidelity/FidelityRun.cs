using GlmMcp.Core.Rendering;

namespace GlmMcp.Testing.Fidelity;

/// <summary>
/// Renders the corpus once: each page plain, then each mutation kind with <c>seeds</c> seeds per page. Mutations that
/// find no element to apply to are left out; so are perceptible ones that changed no pixel (counted in
/// <see cref="FidelityCorpusRenders.Unchanged"/>), since a change nobody can see is no defect, and renders Chromium
/// did not finish twice (listed in <see cref="FidelityCorpusRenders.Failed"/>).
/// </summary>
public static class FidelityRun
{
    /// <param name="parallel">Pages rendered at once: the renderer's pool size (more would only queue).</param>
    public static async Task<FidelityCorpusRenders> RenderAsync(IPageRenderer renderer, IReadOnlyList<FidelityPage> pages, int seeds, int parallel, CancellationToken cancellationToken = default)
    {
        var generator = new MutationGenerator(renderer);
        var kinds = MutationKinds.Perceptible.Concat(MutationKinds.Imperceptible).ToArray();
        var perPage = new (List<FidelityCase> cases, List<Mutation> unchanged)[pages.Count];
        var failed = new List<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, pages.Count), new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken }, async (p, ct) =>
        {
            var page = pages[p];
            var reference = await generator.RenderAsync(page, ct).ConfigureAwait(false);
            var cases = new List<FidelityCase>();
            var unchanged = new List<Mutation>();
            foreach (var kind in kinds)
            {
                for (var s = 0; s < seeds; s++)
                {
                    var seed = 1 + p * 1000 + (int)kind * 31 + s * 7;
                    (Mutation Mutation, Core.Imaging.RgbaImage Image)? rendered = null;
                    string? failure = null;
                    // A render Chromium did not finish (seen on an overloaded machine) is tried once more; a second
                    // failure, or a script error, is reported and not scored.
                    for (var attempt = 0; attempt < 2; attempt++)
                    {
                        try
                        {
                            rendered = await generator.RenderAsync(page, kind, seed, ct).ConfigureAwait(false);
                            failure = null;
                            break;
                        }
                        catch (Exception e) when (e is not OperationCanceledException)
                        {
                            failure = $"{page.Name}/{kind.Name()}#{seed}: {e.Message}";
                        }
                    }
                    if (failure is not null)
                    {
                        lock (failed)
                            failed.Add(failure);
                        continue;
                    }
                    if (rendered is null)
                        continue;
                    if (kind.IsPerceptible() && rendered.Value.Image.Pixels.AsSpan().SequenceEqual(reference.Pixels))
                        unchanged.Add(rendered.Value.Mutation);
                    else
                        cases.Add(new FidelityCase(rendered.Value.Mutation, reference, rendered.Value.Image));
                }
            }
            perPage[p] = (cases, unchanged);
        }).ConfigureAwait(false);
        return new FidelityCorpusRenders(perPage.SelectMany(x => x.cases).ToList(), perPage.SelectMany(x => x.unchanged).ToList(), failed);
    }
}
