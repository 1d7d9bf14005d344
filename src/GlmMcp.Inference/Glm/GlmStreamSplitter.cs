using System.Text;
using Microsoft.Extensions.AI;

namespace GlmMcp.Inference.Glm;

/// <summary>
/// The streaming form of <see cref="GlmAnswerParser"/>: fed text pieces as the model writes them, it returns
/// thinking as <see cref="TextReasoningContent"/> and the answer as <see cref="TextContent"/>, drops box markers, and
/// (when tools were offered) holds back everything from the first <c>&lt;tool_call&gt;</c> for
/// <see cref="GlmToolCallParser"/>. Tags split across pieces are recognised: a piece ending in a possible tag prefix
/// is held until the next one.
/// </summary>
public sealed class GlmStreamSplitter(bool detectToolCalls)
{
    private enum Mode { Answer, Thinking, ToolCalls }

    private readonly StringBuilder _pending = new();
    private readonly StringBuilder _toolCallText = new();
    private Mode _mode = Mode.Answer;
    private bool _answerStarted;

    /// <summary>The raw text from the first <c>&lt;tool_call&gt;</c> on; empty when the model called no tool.</summary>
    public string ToolCallText => _toolCallText.ToString();

    public IReadOnlyList<AIContent> Push(string piece)
    {
        ArgumentNullException.ThrowIfNull(piece);
        _pending.Append(piece);
        var output = new List<AIContent>();
        Drain(output, final: false);
        return output;
    }

    public IReadOnlyList<AIContent> Flush()
    {
        var output = new List<AIContent>();
        Drain(output, final: true);
        return output;
    }

    private void Drain(List<AIContent> output, bool final)
    {
        while (_pending.Length > 0)
        {
            var text = _pending.ToString();
            if (_mode == Mode.ToolCalls)
            {
                _toolCallText.Append(text);
                _pending.Clear();
                return;
            }

            var (index, tag) = FirstTag(text);
            if (tag is null)
            {
                var keep = final ? 0 : PossibleTagPrefixLength(text);
                Emit(output, text[..^keep]);
                _pending.Remove(0, text.Length - keep);
                return;
            }

            Emit(output, text[..index]);
            _pending.Remove(0, index + tag.Length);
            switch (tag)
            {
                case GlmTokens.ThinkStart:
                    _mode = Mode.Thinking;
                    break;
                case GlmTokens.ThinkEnd:
                    _mode = Mode.Answer;
                    break;
                case GlmTokens.ToolCallStart:
                    _mode = Mode.ToolCalls;
                    _toolCallText.Append(tag);
                    break;
            }
        }
    }

    private void Emit(List<AIContent> output, string text)
    {
        if (text.Length == 0)
            return;
        if (_mode == Mode.Thinking)
        {
            output.Add(new TextReasoningContent(text));
            return;
        }

        if (!_answerStarted)
        {
            text = text.TrimStart();
            if (text.Length == 0)
                return;
            _answerStarted = true;
        }

        output.Add(new TextContent(text));
    }

    private IEnumerable<string> Tags()
    {
        yield return GlmTokens.ThinkStart;
        yield return GlmTokens.ThinkEnd;
        yield return GlmTokens.BoxStart;
        yield return GlmTokens.BoxEnd;
        if (detectToolCalls && _mode == Mode.Answer)
            yield return GlmTokens.ToolCallStart;
    }

    private (int Index, string? Tag) FirstTag(string text)
    {
        var best = (Index: int.MaxValue, Tag: (string?)null);
        foreach (var tag in Tags())
        {
            var i = text.IndexOf(tag, StringComparison.Ordinal);
            if (i >= 0 && i < best.Index)
                best = (i, tag);
        }

        return best.Tag is null ? (-1, null) : best;
    }

    private int PossibleTagPrefixLength(string text)
    {
        var longest = 0;
        foreach (var tag in Tags())
        {
            for (var n = Math.Min(tag.Length - 1, text.Length); n > longest; n--)
            {
                if (text.AsSpan(text.Length - n).SequenceEqual(tag.AsSpan(0, n)))
                {
                    longest = n;
                    break;
                }
            }
        }

        return longest;
    }
}
