using GlmMcp.Core.Imaging;
using GlmMcp.Core.Workflows;
using GlmMcp.Core.Workflows.DescribeImage;
using GlmMcp.Inference.Glm;

namespace GlmMcp.Server.Workflows;

/// <summary>
/// <see cref="IModelAnswerReader"/> for GLM output: answer and boxes through the engine's <see cref="IAnswerReader"/>,
/// code through the GLM code extractor (fenced, unfenced or cut-off HTML).
/// </summary>
public sealed class GlmModelAnswerReader(IAnswerReader answers) : IModelAnswerReader
{
    public ModelCode? ExtractCode(string answer)
    {
        var code = CodeBlockExtractor.Extract(answer);
        return code is null || string.IsNullOrWhiteSpace(code.Code) ? null : new ModelCode(code.Code, code.Truncated);
    }

    public IReadOnlyList<PixelRect> FindBoxes(string answer, int width, int height) =>
        answers.ReadBoxes(answer, width, height).Where(b => !b.IsPoint).Select(b => b.Box).ToList();

    public string VisibleText(string answer) => answers.ReadAnswer(answer);
}
