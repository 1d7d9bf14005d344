namespace GlmMcp.Core.Workflows.DescribeImage;

/// <summary>A step of <c>describe_image</c>: <paramref name="Progress"/> of <paramref name="Total"/> (when known).</summary>
public readonly record struct DescribeImageProgress(double Progress, double? Total, string Message);
