using System.CommandLine;
using Microsoft.Extensions.Configuration;

namespace GlmMcp.Server.Cli;

/// <summary>
/// The settings every verb shares, and how configuration is layered: the JSON settings file, then
/// <c>GLM_MCP_</c> environment variables (<c>GLM_MCP_Rendering__ChromiumPath</c>), then the command line.
/// </summary>
internal static class ServerSettings
{
    public const string EnvironmentPrefix = "GLM_MCP_";

    public static readonly Option<FileInfo?> SettingsFile = new("--settings")
    {
        Description = "JSON settings file (default: ~/.config/glm-mcp/settings.json when it exists; env GLM_MCP_SETTINGS).",
    };

    /// <summary>Options for what the tools may read, render and run on.</summary>
    public static IReadOnlyList<SettingOption> Shared { get; } =
    [
        SettingOption.List("--root", "Security:Roots", "A folder tools may read and write, besides the working directory."),
        SettingOption.List("--allow-host", "Security:AllowedHosts", "A host (or *.domain) URLs may point at besides loopback."),
        SettingOption.Value<string>("--chromium", "Rendering:ChromiumPath", "Path of the Chromium/Chrome executable."),
        SettingOption.Value<int?>("--render-timeout", "Rendering:TimeoutSeconds", "Seconds a page may take to load and run (default 15)."),
        SettingOption.Value<string>("--log-level", "Logging:LogLevel:Default", "Log level on stderr: Trace, Debug, Information, Warning (default), Error."),
    ];

    /// <summary>Adds <see cref="SettingsFile"/> and <paramref name="settings"/> to <paramref name="command"/>.</summary>
    public static void AddTo(Command command, IEnumerable<SettingOption> settings)
    {
        command.Options.Add(SettingsFile);
        foreach (var setting in settings)
            command.Options.Add(setting.Option);
    }

    /// <summary>Builds the layered configuration for a parsed command line.</summary>
    public static IConfigurationRoot Build(ParseResult result, IEnumerable<SettingOption> settings)
    {
        var builder = new ConfigurationBuilder();
        builder.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            // Start-up failures are rethrown and printed as one line by VerbRunner; the host's own copy is a stack trace.
            ["Logging:LogLevel:Microsoft.Extensions.Hosting.Internal.Host"] = "None",
        });
        var explicitFile = result.GetValue(SettingsFile)?.FullName ?? Environment.GetEnvironmentVariable(EnvironmentPrefix + "SETTINGS");
        if (explicitFile is not null)
        {
            if (!File.Exists(explicitFile))
                throw new Core.UserInputException($"--settings: file not found: {explicitFile}.");
            builder.AddJsonFile(explicitFile, optional: false, reloadOnChange: false);
        }
        else
        {
            builder.AddJsonFile(DefaultSettingsPath, optional: true, reloadOnChange: false);
        }
        builder.AddEnvironmentVariables(EnvironmentPrefix);
        builder.AddInMemoryCollection(settings.SelectMany(s => s.Read(result)));
        return builder.Build();
    }

    public static string DefaultSettingsPath =>
        Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify), "glm-mcp", "settings.json");
}
