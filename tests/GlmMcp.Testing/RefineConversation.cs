using GlmMcp.Core.Imaging;
using GlmMcp.Core.Workflows.ScreenshotToCode;
using Microsoft.Extensions.AI;

namespace GlmMcp.Testing;

/// <summary>
/// The requests of two screenshot_to_code rounds, built by the product's <see cref="ScreenshotToCodePrompts"/>: the
/// first asks for the page, the second shows the model its page, its render, the diff picture and the named
/// differences. Engines' tests send both and check what the second reuses of the first.
/// </summary>
public static class RefineConversation
{
    public const int Width = 640;
    public const int Height = 400;

    public const string FirstCode = "<!doctype html><body style=\"background:#fff\"><h1>Acme</h1></body>";

    public static List<ChatMessage> FirstRound(byte[] targetPng) =>
        ScreenshotToCodePrompts.Generate(targetPng, PageStacks.Html, Width, Height, null);

    public static List<ChatMessage> SecondRound(byte[] targetPng, byte[] renderPng, byte[] diffPng)
    {
        var difference = new LayoutDifference(DifferenceKind.Color, 8, 8, 48, 24, 900, "target #4682b4, render #ffffff");
        var score = new LayoutScore(61.5, 0.9, 0.5, 0.8, 0.7, [difference]);
        var diff = new VisualDiffResult(Width, Height, 4000, 12, 1.56, false, [new DiffRegion(8, 8, 48, 24, 900)], 1, 3.2) { DiffPng = diffPng };
        return ScreenshotToCodePrompts.Refine(targetPng, PageStacks.Html, Width, Height, null, FirstCode, renderPng, diffPng, score, diff);
    }
}
