using GlmMcp.Core.Imaging;

namespace GlmMcp.Core.Workflows.LocateAndEdit;

/// <summary>
/// The outcome of a visual edit. <see cref="Accepted"/>: the re-render changed inside the marked area and (almost)
/// nothing outside it; otherwise <see cref="Reason"/> says what went wrong and nothing was saved. The diff, renders
/// and changed regions describe the last attempt either way.
/// </summary>
/// <param name="Located">How the region was found: <c>region</c>, <c>annotation (box|ellipse|arrow)</c> or <c>target</c>.</param>
/// <param name="ChangedInside">Changed pixels inside the allowed area (the region plus the edited element's boxes).</param>
/// <param name="ChangedOutside">Changed pixels elsewhere.</param>
/// <param name="BasedOnVersion">The session version the edit was made from, when it was saved.</param>
/// <param name="ParentVersion">
/// The version the saved one follows: <see cref="BasedOnVersion"/>, or a newer head when another change landed while
/// the edit was being made and the edit was re-applied onto it (<see cref="Code"/>, <see cref="UnifiedDiff"/> and
/// <see cref="AfterPng"/> then describe what was saved).
/// </param>
/// <param name="Rules">The CSS rules that style the element, as the model was shown them (a page with stylesheet files).</param>
/// <param name="Files">The files the edit changes (relative to the page's folder, or to the root for a dev server), written or, with dry_run, not.</param>
/// <param name="Source">Where a dev server's element was found in the source (file:line and how), null otherwise.</param>
public sealed record LocateAndEditResult(
    bool Accepted,
    string? Reason,
    string UnifiedDiff,
    string? Code,
    byte[] BeforePng,
    byte[]? AfterPng,
    byte[]? DiffPng,
    PixelRect Region,
    string Located,
    string ElementTag,
    string Snippet,
    long ChangedInside,
    long ChangedOutside,
    IReadOnlyList<DiffRegion> ChangedRegions,
    int Attempts,
    string? SessionId,
    int? Version,
    string? WrittenPath,
    int? BasedOnVersion,
    int? ParentVersion,
    IReadOnlyList<ShownRule>? Rules = null,
    IReadOnlyList<string>? Files = null,
    string? Source = null);
