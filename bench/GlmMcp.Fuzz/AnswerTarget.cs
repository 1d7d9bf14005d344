using System.Text;
using System.Text.Json;
using GlmMcp.Core.Workflows;
using GlmMcp.Inference.Engines;
using GlmMcp.Inference.Glm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GlmMcp.Fuzz;

/// <summary>
/// A model answer through every GLM parser the server applies to it: <see cref="GlmAnswerParser"/>,
/// <see cref="GroundingBoxParser"/>, <see cref="GlmToolCallParser"/> (with a declared tool, so schema typing runs),
/// <see cref="CodeBlockExtractor"/>, <see cref="GlmStreamSplitter"/> fed in pieces whose size the first byte picks,
/// and the workflows' <see cref="IModelAnswerReader"/>, whose boxes must be writable as JSON. None of them documents an
/// exception for any text.
/// </summary>
internal sealed class AnswerTarget : IFuzzTarget
{
    private static readonly AIFunctionDeclaration ClickTool = AIFunctionFactory.CreateDeclaration(
        "click", "Clicks an element.", JsonDocument.Parse(
            """{"type":"object","properties":{"selector":{"type":"string"},"count":{"type":"integer"},"note":{"type":["string","null"]}}}""")
            .RootElement.Clone());

    private readonly IModelAnswerReader _reader = new ServiceCollection()
        .AddEngines(new ConfigurationBuilder().Build())
        .BuildServiceProvider()
        .GetRequiredService<IModelAnswerReader>();

    public void Run(byte[] data)
    {
        var text = Encoding.UTF8.GetString(data);

        GlmAnswerParser.Parse(text);
        GroundingBoxParser.Parse(text, 1280, 720);
        GroundingBoxParser.Parse(text, 1, 1);
        GlmToolCallParser.Parse(text, [ClickTool]);
        CodeBlockExtractor.Extract(text);
        CodeBlockExtractor.Extract(text, preferredLanguage: null);

        _reader.VisibleText(text);
        // describe_image writes the normalised values as JSON.
        foreach (var box in _reader.ReadBoxes(text, 1280, 720))
            JsonSerializer.Serialize(box.Normalized);
        _reader.ExtractCode(text);

        var pieceLength = data.Length == 0 ? 1 : 1 + data[0] % 8;
        foreach (var detectToolCalls in (bool[])[true, false])
        {
            var splitter = new GlmStreamSplitter(detectToolCalls);
            for (var i = 0; i < text.Length; i += pieceLength)
                splitter.Push(text.Substring(i, Math.Min(pieceLength, text.Length - i)));
            splitter.Flush();
            GlmToolCallParser.Parse(splitter.ToolCallText, [ClickTool]);
        }
    }
}
