using GlmMcp.Core.Imaging;
using GlmMcp.Core.Workflows;
using GlmMcp.Core.Workflows.DescribeImage;
using GlmMcp.Inference.Glm;

namespace GlmMcp.Inference.Engines;

/// <summary>
/// Reads GLM-4.6V output for the workflows: thinking split off, box markers stripped, 0–999 boxes to pixels, and the
/// page code (fenced, unfenced or cut-off HTML).
/// </summary>
internal sealed class GlmAnswerReader : IModelAnswerReader
{
    public string VisibleText(string answer) => GlmAnswerParser.Parse(answer).Answer;

    public IReadOnlyList<LocatedBox> ReadBoxes(string answer, int width, int height) =>
        GroundingBoxParser.Parse(GlmAnswerParser.Parse(answer).Answer, width, height)
            .Select(b => new LocatedBox(new PixelRect(b.X1, b.Y1, b.Width, b.Height), b.IsPoint, b.Normalized))
            .ToList();

    public IReadOnlyList<string> RejectedBoxes(string answer, int width, int height) =>
        GroundingBoxParser.Read(GlmAnswerParser.Parse(answer).Answer, width, height).Rejected;

    public ModelCode? ExtractCode(string answer)
    {
        var code = CodeBlockExtractor.Extract(answer);
        return code is null || string.IsNullOrWhiteSpace(code.Code) ? null : new ModelCode(code.Code, code.Truncated);
    }
}
