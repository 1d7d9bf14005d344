using GlmMcp.Core.Workflows.DescribeImage;

namespace GlmMcp.Core.Workflows;

/// <summary>
/// Reads a model's raw answer in its own format (GLM: <c>&lt;think&gt;</c>, box markers, 0–999 boxes, fenced code) for
/// every workflow. The GLM format lives in GlmMcp.Inference, which references this project, so the workflows see it
/// through this interface and stay independent of the model's format.
/// </summary>
public interface IModelAnswerReader
{
    /// <summary>The answer without reasoning and format markers, for showing to people.</summary>
    string VisibleText(string answer);

    /// <summary>Every box and point in <paramref name="answer"/>, in pixels of a <paramref name="width"/>×<paramref name="height"/> image.</summary>
    IReadOnlyList<LocatedBox> ReadBoxes(string answer, int width, int height);

    /// <summary>One note per tuple in <paramref name="answer"/> that looked like a box but was not taken as one (values
    /// out of range, a box without area), saying why; empty when there were none.</summary>
    IReadOnlyList<string> RejectedBoxes(string answer, int width, int height) => [];

    /// <summary>The code in the answer — fenced, unfenced or cut off — or null when it holds none.</summary>
    ModelCode? ExtractCode(string answer);
}
