using System.Diagnostics;

namespace GlmMcp.Core.Rendering;

/// <summary>
/// Finds Chromium processes by the user-data folder on their command line, so nothing launched by the renderer
/// outlives it even when the browser process itself was killed and its helpers were re-parented.
/// </summary>
internal static class ChromiumProcesses
{
    /// <summary>Process ids whose command line names <paramref name="userDataDir"/> (Linux /proc; empty elsewhere).</summary>
    public static IReadOnlyList<int> FindUsing(string userDataDir)
    {
        if (!OperatingSystem.IsLinux())
            return [];
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
                continue;
            try
            {
                var commandLine = File.ReadAllText(Path.Join(dir, "cmdline"));
                if (commandLine.Contains(userDataDir, StringComparison.Ordinal))
                    found.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process exited while we looked, or belongs to someone else.
            }
        }
        return found;
    }

    /// <summary>Kills every process (and its children) that still uses <paramref name="userDataDir"/>.</summary>
    public static void KillUsing(string userDataDir)
    {
        foreach (var pid in FindUsing(userDataDir))
            Kill(pid);
    }

    /// <summary>
    /// Deletes profile folders named <paramref name="prefix"/>* in <paramref name="parent"/> that no live process uses
    /// and that are older than <paramref name="minimumAge"/> (younger ones may belong to a browser starting right now).
    /// They are what a server killed outright leaves behind. Linux only: elsewhere liveness cannot be checked.
    /// </summary>
    public static void RemoveStaleProfiles(string parent, string prefix, TimeSpan minimumAge)
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists(parent))
            return;
        foreach (var folder in Directory.EnumerateDirectories(parent, prefix + "*"))
        {
            try
            {
                if (DateTime.UtcNow - Directory.GetLastWriteTimeUtc(folder) < minimumAge || FindUsing(folder).Count > 0)
                    continue;
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Someone else's, or in use after all: leave it.
            }
        }
    }

    public static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(2));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }
}
