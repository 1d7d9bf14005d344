namespace GlmMcp.Core.Workflows.DescribeImage;

/// <summary>
/// Reads the model's raw output in its own format (GLM: <c>&lt;think&gt;</c>, box markers, 0–999 boxes). Implemented
/// by the inference layer, so workflows stay independent of the model's format.
/// </summary>
public interface IAnswerReader
{
    /// <summary>The answer the caller gets: thinking and format markers removed.</summary>
    string ReadAnswer(string output);

    /// <summary>Every box and point in <paramref name="output"/>, mapped to pixels of a
    /// <paramref name="width"/>×<paramref name="height"/> image.</summary>
    IReadOnlyList<LocatedBox> ReadBoxes(string output, int width, int height);
}
