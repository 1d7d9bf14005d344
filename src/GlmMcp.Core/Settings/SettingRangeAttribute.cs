using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace GlmMcp.Core.Settings;

/// <summary>
/// A <see cref="RangeAttribute"/> for settings whose message echoes the bad value: in <c>ErrorMessage</c>, <c>{0}</c> is
/// the value (not the member's name), <c>{1}</c> and <c>{2}</c> the bounds. Messages name the setting as users write it
/// (<c>Http:Port (--port)</c>), so a start-up error says what to change.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class SettingRangeAttribute : RangeAttribute
{
    public SettingRangeAttribute(int minimum, int maximum)
        : base(minimum, maximum)
    {
    }

    public SettingRangeAttribute(double minimum, double maximum)
        : base(minimum, maximum)
    {
    }

    /// <summary>The largest <see cref="TimeSpan"/> as bounds are written, for durations that need only be positive.</summary>
    public const string MaxDuration = "10675199.02:48:05.4775807";

    /// <summary>Bounds of another type written as strings, e.g. <c>typeof(TimeSpan), "00:00:00", "1.00:00:00"</c>.</summary>
    public SettingRangeAttribute(Type type, string minimum, string maximum)
        : base(type, minimum, maximum)
    {
        ParseLimitsInInvariantCulture = true;
        ConvertValueInInvariantCulture = true;
    }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        IsValid(value)
            ? ValidationResult.Success
            : new ValidationResult(string.Format(CultureInfo.InvariantCulture, ErrorMessageString, value, Minimum, Maximum));
}
