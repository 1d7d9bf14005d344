using GlmMcp.Core.Workflows.ScreenshotToCode;

namespace GlmMcp.Server.Contract;

/// <summary>
/// <c>screenshot_to_code</c>'s structured result. <see cref="NoCode"/> is set (and the code fields are null) when no
/// round produced a page. <see cref="WrittenFiles"/> lists the project files written for <c>output_dir</c>.
/// </summary>
public sealed record ScreenshotToCodeToolResult(
    string? SessionId,
    int? Version,
    string? CodeUri,
    int BestRound,
    LayoutScore? Score,
    IReadOnlyList<ScreenshotToCodeRound> Rounds,
    string? WrittenPath,
    bool Cancelled,
    string? NoCode,
    ReturnedImage? Render,
    IReadOnlyList<string>? WrittenFiles = null);
