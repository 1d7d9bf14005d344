using System.ComponentModel.DataAnnotations;

namespace GlmMcp.Core.Security;

/// <summary>What the server may read and fetch. Section <c>Security</c>; env <c>GLM_MCP_Security__Roots__0</c>…</summary>
public sealed class SecurityOptions : IValidatableObject
{
    public const string Section = "Security";

    /// <summary>Folders whose files tools may read and write, in addition to the working directory. Roots an MCP client
    /// sends can only narrow them (over stdio with none given, the client's roots replace the working directory).</summary>
    public List<string> Roots { get; set; } = [];

    /// <summary>Host names (or <c>*.example.com</c>) that URLs may point at besides loopback.</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>When false the working directory is not an implicit root.</summary>
    public bool IncludeWorkingDirectory { get; set; } = true;

    /// <summary>Names the root folders that do not exist, so the start-up error says which one to fix.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var missing = Roots.Where(r => !Directory.Exists(r)).ToArray();
        if (missing.Length > 0)
            yield return new ValidationResult($"Security:Roots (--root): folder not found: {string.Join(", ", missing)}.");
    }
}
