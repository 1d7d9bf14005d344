namespace GlmMcp.Core.Workflows.ScreenshotToCode;

/// <summary>The kinds of page the main job writes.</summary>
public static class PageStacks
{
    /// <summary>One HTML file with inline CSS and JavaScript.</summary>
    public const string Html = "html";

    /// <summary>One HTML file styled with Tailwind utility classes.</summary>
    public const string Tailwind = "tailwind";

    public static IReadOnlyList<string> All { get; } = [Html, Tailwind];

    public static bool IsKnown(string stack) => All.Contains(stack, StringComparer.Ordinal);
}
