using GlmMcp.Core.Imaging;

namespace GlmMcp.Core.Documents;

/// <summary>
/// Chooses the size of pages and frames from GLM-4.6V's image grid and the context left for them, so a request never
/// exceeds the 128k context: each image gets an equal share of what the prompt and the answer budget leave, up to the
/// configured longest side; a request whose images would drop below the smallest readable size is refused.
/// </summary>
public static class TokenBudget
{
    /// <summary>GLM-4.6V's context in tokens.</summary>
    public const int ContextTokens = 131072;

    /// <summary>The answer budget counted when the call gives no <c>max_tokens</c>.</summary>
    public const int DefaultAnswerTokens = 8192;

    /// <summary>The most an image costs on the grid: its pixel budget (<see cref="GlmImageGrid.DefaultMaxPixels"/>, counted twice per frame) in 28 × 28 cells.</summary>
    public const int MaxTokensPerImage = (int)(GlmImageGrid.DefaultMaxPixels / GlmImageGrid.TemporalPatch / (GlmImageGrid.Factor * GlmImageGrid.Factor));

    /// <summary>Tokens of <paramref name="text"/>, estimated on the high side (GLM's tokenizer averages about four characters per token on English).</summary>
    public static int TextTokens(string text) => text.Length / 3 + 1;

    /// <summary>
    /// The grid sizes of images with the given natural sizes, sent <paramref name="perRequest"/> to a request (all in
    /// one, or one each) with <paramref name="textTokens"/> of text and an answer of up to <paramref name="answerTokens"/>.
    /// </summary>
    /// <param name="unit">"page" or "frame", for the error.</param>
    /// <param name="fewer">What to do when they do not fit, e.g. "select fewer pages with 'pages'".</param>
    public static IReadOnlyList<PlannedImage> Plan(IReadOnlyList<(double Width, double Height)> sizes, int perRequest, int maxSide, int minTokens,
        int textTokens, int answerTokens, string unit, string fewer)
    {
        var available = ContextTokens - textTokens - answerTokens;
        var share = available / Math.Max(1, perRequest);
        if (sizes.Count > 0 && share < minTokens)
            throw new UserInputException(
                $"{perRequest} {unit}{(perRequest == 1 ? "" : "s")} at the smallest readable size ({minTokens} tokens each, {DocumentOptions.Section}:MinTokensPerImage) " +
                $"plus the answer budget ({answerTokens:N0} tokens) and the prompt (about {textTokens:N0}) do not fit GLM-4.6V's " +
                $"{ContextTokens:N0}-token context. {fewer}, or lower 'max_tokens'.");
        share = Math.Min(share, MaxTokensPerImage);
        return [.. sizes.Select(s => Fit(s.Width, s.Height, maxSide, share))];
    }

    /// <summary>The largest grid size of the aspect <paramref name="width"/> : <paramref name="height"/> within <paramref name="maxSide"/> and <paramref name="maxTokens"/>.</summary>
    public static PlannedImage Fit(double width, double height, int maxSide, int maxTokens)
    {
        if (!(width > 0 && height > 0))
            throw new UserInputException($"A page or frame is {width:0.#} x {height:0.#}: both sides must be larger than 0.");
        if (Math.Max(width, height) / Math.Min(width, height) > GlmImageGrid.MaxAspectRatio)
            throw new UserInputException(
                $"A page or frame is {width:0.#} x {height:0.#}: GLM-4.6V takes aspect ratios up to {GlmImageGrid.MaxAspectRatio}.");
        var scale = maxSide / Math.Max(width, height);
        // tokens = w·h / 28²; shrink until the area fits the share.
        var area = width * scale * height * scale;
        var cellArea = (double)GlmImageGrid.Factor * GlmImageGrid.Factor;
        if (area / cellArea > maxTokens)
            scale *= Math.Sqrt(maxTokens * cellArea / area);
        var w = Cells(width * scale);
        var h = Cells(height * scale);
        return new PlannedImage(w, h, GlmImageGrid.ImageTokens(w, h));
    }

    private static int Cells(double pixels) => Math.Max(1, (int)(pixels / GlmImageGrid.Factor)) * GlmImageGrid.Factor;
}
