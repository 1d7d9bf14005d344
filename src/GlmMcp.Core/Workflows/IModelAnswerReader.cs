using GlmMcp.Core.Imaging;

namespace GlmMcp.Core.Workflows;

/// <summary>
/// Reads what the workflows need out of a model's answer. The GLM format lives in GlmMcp.Inference, which references
/// this project, so the workflows see it through this interface (the server supplies the GLM implementation).
/// </summary>
public interface IModelAnswerReader
{
    /// <summary>The code in the answer — fenced, unfenced or cut off — or null when it holds none.</summary>
    ModelCode? ExtractCode(string answer);

    /// <summary>The grounding boxes in the answer, in pixels of a <paramref name="width"/>×<paramref name="height"/> image.</summary>
    IReadOnlyList<PixelRect> FindBoxes(string answer, int width, int height);

    /// <summary>The answer without reasoning and format markers, for showing to people.</summary>
    string VisibleText(string answer);
}
