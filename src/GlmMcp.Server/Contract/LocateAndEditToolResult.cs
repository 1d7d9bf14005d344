using GlmMcp.Core.Imaging;

namespace GlmMcp.Server.Contract;

/// <summary>
/// <c>locate_and_edit</c>'s structured result: whether the edit was accepted (and why not), where it was made,
/// how many pixels changed inside and outside the marked area, the session version or file it was saved to, and the sizes of the before/after renders returned.
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
    ReturnedImage? After);
