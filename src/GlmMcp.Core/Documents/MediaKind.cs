namespace GlmMcp.Core.Documents;

/// <summary>What an input to <c>describe_image</c> is, told from its first bytes.</summary>
public enum MediaKind
{
    Image,
    Pdf,
    Video,
}
