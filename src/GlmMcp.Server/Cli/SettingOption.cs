using System.CommandLine;

namespace GlmMcp.Server.Cli;

/// <summary>A command-line option that sets a configuration key (the same key the settings file and
/// <c>GLM_MCP_…</c> environment variables set), so every verb reads one configuration.</summary>
internal sealed class SettingOption
{
    private SettingOption(Option option, string key, Func<ParseResult, IEnumerable<KeyValuePair<string, string?>>> read)
    {
        Option = option;
        Key = key;
        _read = read;
    }

    private readonly Func<ParseResult, IEnumerable<KeyValuePair<string, string?>>> _read;

    public Option Option { get; }

    public string Key { get; }

    public IEnumerable<KeyValuePair<string, string?>> Read(ParseResult result) => _read(result);

    /// <summary>A single value (string, number or flag) bound to <paramref name="key"/>.</summary>
    public static SettingOption Value<T>(string name, string key, string description, params string[] aliases)
    {
        var option = new Option<T>(name, aliases) { Description = $"{description} [config: {key}]" };
        return new SettingOption(option, key, r =>
            r.GetResult(option) is { Implicit: false } && r.GetValue(option) is { } v
                ? [new(key, Format(v))]
                : []);
    }

    /// <summary>A repeatable option bound to the list <c>key:0</c>, <c>key:1</c>, ….</summary>
    public static SettingOption List(string name, string key, string description)
    {
        var option = new Option<string[]>(name) { Description = $"{description} Repeatable. [config: {key}]", AllowMultipleArgumentsPerToken = false };
        return new SettingOption(option, key, r =>
            (r.GetValue(option) ?? []).Select((v, i) => new KeyValuePair<string, string?>($"{key}:{i}", v)));
    }

    private static string? Format<T>(T value) => value switch
    {
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value?.ToString(),
    };
}
