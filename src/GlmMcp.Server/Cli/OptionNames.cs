using System.Text.RegularExpressions;

namespace GlmMcp.Server.Cli;

/// <summary>
/// How a verb spells the tool arguments it stands in for. The tools' messages name their arguments (<c>'threshold'</c>,
/// <c>size_mismatch=pad</c>); a verb that reuses them says <c>'--threshold'</c> and <c>--size-mismatch pad</c> instead,
/// so a terminal user is told what to type.
/// </summary>
internal sealed class OptionNames
{
    private readonly (Regex Quoted, Regex Assigned, string Option)[] _names;

    public OptionNames(params (string Argument, string Option)[] names)
    {
        _names = names
            .Select(n => (
                new Regex($"'{Regex.Escape(n.Argument)}'", RegexOptions.CultureInvariant),
                new Regex($@"\b{Regex.Escape(n.Argument)}=(?<value>[\w.-]+?)(?=[^\w.-]|\.?$)", RegexOptions.CultureInvariant),
                n.Option))
            .ToArray();
    }

    /// <summary>No renaming: the verb's messages already name its options.</summary>
    public static OptionNames None { get; } = new();

    /// <summary><paramref name="message"/> with every tool argument it names spelled as this verb's option.</summary>
    public string Rewrite(string message)
    {
        foreach (var (quoted, assigned, option) in _names)
        {
            message = quoted.Replace(message, $"'{option}'");
            message = assigned.Replace(message, m => $"{option} {m.Groups["value"].Value}");
        }
        return message;
    }
}
