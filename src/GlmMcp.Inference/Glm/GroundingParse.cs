namespace GlmMcp.Inference.Glm;

/// <summary>What <see cref="GroundingBoxParser.Read"/> found.</summary>
/// <param name="Boxes">The valid boxes and points, in pixels.</param>
/// <param name="Rejected">One note per tuple that was not a finding (out of range, or a box without area), saying why.</param>
public sealed record GroundingParse(IReadOnlyList<GroundingBox> Boxes, IReadOnlyList<string> Rejected);
