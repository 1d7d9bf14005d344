namespace GlmMcp.Core.Diagnostics;

/// <summary>A single doctor line: <paramref name="Name"/> and what was found; <paramref name="FixIt"/> says what to do
/// when <paramref name="Status"/> is not <see cref="DoctorStatus.Ok"/>.</summary>
public sealed record DoctorCheckResult(string Name, DoctorStatus Status, string Detail, string? FixIt = null)
{
    public static DoctorCheckResult Ok(string name, string detail) => new(name, DoctorStatus.Ok, detail);

    public static DoctorCheckResult Warn(string name, string detail, string? fixIt = null) => new(name, DoctorStatus.Warning, detail, fixIt);

    public static DoctorCheckResult Fail(string name, string detail, string fixIt) => new(name, DoctorStatus.Failed, detail, fixIt);
}
