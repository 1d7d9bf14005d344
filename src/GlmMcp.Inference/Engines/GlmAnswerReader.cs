using GlmMcp.Core.Imaging;
using GlmMcp.Core.Workflows.DescribeImage;
using GlmMcp.Inference.Glm;

namespace GlmMcp.Inference.Engines;

/// <summary>Reads GLM-4.6V output for the workflows: thinking split off, box markers stripped, 0–999 boxes to pixels.</summary>
internal sealed class GlmAnswerReader : IAnswerReader
{
    public string ReadAnswer(string output) => GlmAnswerParser.Parse(output).Answer;

    public IReadOnlyList<LocatedBox> ReadBoxes(string output, int width, int height) =>
        GroundingBoxParser.Parse(GlmAnswerParser.Parse(output).Answer, width, height)
            .Select(b => new LocatedBox(new PixelRect(b.X1, b.Y1, b.Width, b.Height), b.IsPoint, b.Normalized))
            .ToList();
}
