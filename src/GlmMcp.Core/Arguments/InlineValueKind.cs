namespace GlmMcp.Core.Arguments;

/// <summary>What an <see cref="InlineValue"/> holds.</summary>
public enum InlineValueKind
{
    /// <summary>The argument's text, unescaped, as UTF-8.</summary>
    Text,

    /// <summary>The bytes of a base64 argument (raw base64 or a <c>data:</c> URI), decoded as it arrived.</summary>
    Base64,

    /// <summary>Base64 that decodes to more than the limit it was read under; its bytes were not kept.</summary>
    TooLarge,
}
