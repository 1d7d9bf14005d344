namespace GlmMcp.Inference.Glm;

/// <summary>The special tokens of the GLM-4.6V chat format (docs/glm-format.md, "Special tokens").</summary>
public static class GlmTokens
{
    public const string Prefix = "[gMASK]<sop>";
    public const string System = "<|system|>";
    public const string User = "<|user|>";
    public const string Assistant = "<|assistant|>";
    public const string Observation = "<|observation|>";
    public const string EndOfText = "<|endoftext|>";
    public const string ThinkStart = "<think>";
    public const string ThinkEnd = "</think>";
    public const string NoThink = "/nothink";
    public const string BoxStart = "<|begin_of_box|>";
    public const string BoxEnd = "<|end_of_box|>";
    public const string ToolCallStart = "<tool_call>";
    public const string ToolCallEnd = "</tool_call>";
    public const string ArgKeyStart = "<arg_key>";
    public const string ArgKeyEnd = "</arg_key>";
    public const string ArgValueStart = "<arg_value>";
    public const string ArgValueEnd = "</arg_value>";
    public const string ToolResponseStart = "<tool_response>";
    public const string ToolResponseEnd = "</tool_response>";

    /// <summary>The tokens that end an assistant turn; their ids must be read from the model's vocabulary.</summary>
    public static IReadOnlyList<string> StopTokens { get; } = [EndOfText, User, Observation];
}
