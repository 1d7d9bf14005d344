using System.Text;
using System.Text.Json;
using GlmMcp.Inference.Engines;
using GlmMcp.Inference.Glm;
using Microsoft.Extensions.AI;

namespace GlmMcp.Inference.Tests.Fuzz;

/// <summary>
/// Every seed and every crash the fuzzer found (bench/fuzz.sh), run through the same GLM answer parsers as the
/// <c>answer</c> fuzz target in bench/GlmMcp.Fuzz. None of them may throw for any text, and the boxes must be writable
/// as JSON the way describe_image writes them.
/// </summary>
public sealed class FuzzRegressionTests
{
    private static readonly AIFunctionDeclaration ClickTool = AIFunctionFactory.CreateDeclaration(
        "click", "Clicks an element.", JsonDocument.Parse(
            """{"type":"object","properties":{"selector":{"type":"string"},"count":{"type":"integer"},"note":{"type":["string","null"]}}}""")
            .RootElement.Clone());

    public static TheoryData<string> AnswerInputs => new(FuzzInputs.For("answer", "GlmMcp.Inference.Tests"));

    [Theory]
    [MemberData(nameof(AnswerInputs))]
    public void A_model_answer_goes_through_every_parser_without_an_exception(string input)
    {
        var data = FuzzInputs.Read(input);
        var text = Encoding.UTF8.GetString(data);
        var reader = new GlmAnswerReader();

        var exception = Record.Exception(() =>
        {
            GlmAnswerParser.Parse(text);
            GroundingBoxParser.Parse(text, 1280, 720);
            GroundingBoxParser.Parse(text, 1, 1);
            GlmToolCallParser.Parse(text, [ClickTool]);
            CodeBlockExtractor.Extract(text);
            CodeBlockExtractor.Extract(text, preferredLanguage: null);
            reader.VisibleText(text);
            foreach (var box in reader.ReadBoxes(text, 1280, 720))
                JsonSerializer.Serialize(box.Normalized);
            reader.ExtractCode(text);

            var pieceLength = data.Length == 0 ? 1 : 1 + data[0] % 8;
            foreach (var detectToolCalls in (bool[])[true, false])
            {
                var splitter = new GlmStreamSplitter(detectToolCalls);
                for (var i = 0; i < text.Length; i += pieceLength)
                    splitter.Push(text.Substring(i, Math.Min(pieceLength, text.Length - i)));
                splitter.Flush();
                GlmToolCallParser.Parse(splitter.ToolCallText, [ClickTool]);
            }
        });

        Assert.Null(exception);
    }
}
