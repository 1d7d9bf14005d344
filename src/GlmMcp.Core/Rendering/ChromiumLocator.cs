using PuppeteerSharp;

namespace GlmMcp.Core.Rendering;

/// <summary>
/// Finds the Chromium to drive: the configured path, <c>PUPPETEER_EXECUTABLE_PATH</c>, the usual install paths,
/// then Chrome for Testing already in PuppeteerSharp's cache. It never downloads a browser.
/// </summary>
public static class ChromiumLocator
{
    public const string EnvironmentVariable = "PUPPETEER_EXECUTABLE_PATH";

    private static readonly string[] _linuxPaths =
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
        "/usr/bin/google-chrome-stable",
        "/snap/bin/chromium",
        "/opt/google/chrome/chrome",
    ];

    private static readonly string[] _macPaths =
    [
        "/Applications/Chromium.app/Contents/MacOS/Chromium",
        "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    ];

    /// <summary>The executable to launch, or <see cref="UserInputException"/> saying how to install one.</summary>
    public static string Locate(RenderingOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ChromiumPath))
            return RequireExecutable(options.ChromiumPath, "Rendering:ChromiumPath (GLM_MCP_Rendering__ChromiumPath)");
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return RequireExecutable(fromEnvironment, EnvironmentVariable);
        return InstallPaths().FirstOrDefault(File.Exists) ?? CachedChromeForTesting() ?? throw NotFound();
    }

    /// <summary>The command that installs Chromium on this machine, e.g. <c>sudo apt-get install -y chromium</c>.</summary>
    public static string InstallCommand()
    {
        if (OperatingSystem.IsMacOS())
            return "brew install --cask chromium";
        if (OperatingSystem.IsWindows())
            return "winget install Google.Chrome";
        if (File.Exists("/usr/bin/apt-get"))
            return "sudo apt-get install -y chromium";
        if (File.Exists("/usr/bin/dnf"))
            return "sudo dnf install -y chromium";
        if (File.Exists("/sbin/apk"))
            return "sudo apk add chromium";
        if (File.Exists("/usr/bin/pacman"))
            return "sudo pacman -S chromium";
        return "install Chromium with your package manager";
    }

    private static IEnumerable<string> InstallPaths()
    {
        if (OperatingSystem.IsMacOS())
            return _macPaths;
        if (OperatingSystem.IsWindows())
        {
            return new[] { Environment.SpecialFolder.ProgramFiles, Environment.SpecialFolder.ProgramFilesX86, Environment.SpecialFolder.LocalApplicationData }
                .Select(f => Path.Join(Environment.GetFolderPath(f), "Google", "Chrome", "Application", "chrome.exe"));
        }
        return _linuxPaths;
    }

    private static string? CachedChromeForTesting()
    {
        try
        {
            return new BrowserFetcher(SupportedBrowser.Chrome).GetInstalledBrowsers()
                .OrderByDescending(b => b.BuildId, StringComparer.Ordinal)
                .Select(b => b.GetExecutablePath())
                .FirstOrDefault(File.Exists);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PuppeteerException)
        {
            return null;
        }
    }

    private static string RequireExecutable(string path, string setting)
    {
        if (File.Exists(path))
            return Path.GetFullPath(path);
        throw new UserInputException(
            $"Chromium not found at '{path}' (from {setting}). Point it at an existing Chromium or Chrome executable, " +
            $"or install one: {InstallCommand()}.");
    }

    private static UserInputException NotFound() => new(
        $"No Chromium or Chrome found (looked at Rendering:ChromiumPath, {EnvironmentVariable}, {string.Join(", ", InstallPaths())} " +
        $"and PuppeteerSharp's browser cache). Install it: {InstallCommand()} — or set GLM_MCP_Rendering__ChromiumPath to the executable.");
}
