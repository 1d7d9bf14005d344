using GlmMcp.Core.Imaging;
using GlmMcp.Core.Workflows.LocateAndEdit;

namespace GlmMcp.Server.Contract;

/// <summary>
/// <c>locate_and_edit</c>'s structured result: whether the edit was accepted (and why not), where it was made,
/// how many pixels changed inside and outside the marked area, the session version or file it was saved to, and the sizes of the before/after renders returned.
/// For a page with stylesheet files: the CSS rules the model was shown (<see cref="Rules"/>) and the files the edit changes (<see cref="Files"/>);
/// for a dev-server page, where its element was found in the source (<see cref="Source"/>).
/// </summary>
public sealed record LocateAndEditToolResult(
    bool Accepted,
    string? Reason,
    string Located,
    RegionArgument Region,
    string Element,
    long ChangedInside,
    long ChangedOutside,
    IReadOnlyList<DiffRegion> ChangedRegions,
    int Attempts,
    string? SessionId,
    int? BasedOnVersion,
    int? ParentVersion,
    int? Version,
    string? WrittenPath,
    ReturnedImage Before,
    ReturnedImage? After,
    IReadOnlyList<ShownRule>? Rules = null,
    IReadOnlyList<string>? Files = null,
    string? Source = null);
