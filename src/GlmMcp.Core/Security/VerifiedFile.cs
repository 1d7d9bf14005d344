using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace GlmMcp.Core.Security;

/// <summary>
/// Reads and writes a real path that <see cref="AllowedRoots"/> resolved, without following a link someone put in
/// its way after the check: a file is opened first and then the opened handle's own path is compared with the
/// checked one (<c>/proc/self/fd</c> on Linux; elsewhere the path is resolved again after the open). A write goes to
/// a new temporary file in the checked folder (verified the same way) and is renamed over the target, so it never
/// writes through a link: a link at the target is refused, and one that appears before the rename is replaced, not followed.
/// </summary>
public static class VerifiedFile
{
    private const int BufferSize = 1 << 16;

    /// <summary>Opens <paramref name="realPath"/> for reading; throws <see cref="UserInputException"/> when what opened is not that file.</summary>
    public static FileStream OpenRead(string realPath, string argumentName = "path")
    {
        var stream = new FileStream(realPath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, FileOptions.Asynchronous);
        try
        {
            EnsureOpened(stream.SafeFileHandle, realPath, argumentName);
            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The whole file as UTF-8 text (a byte-order mark is skipped), read through <see cref="OpenRead"/>.</summary>
    public static async Task<string> ReadAllTextAsync(string realPath, string argumentName, CancellationToken cancellationToken)
    {
        await using var stream = OpenRead(realPath, argumentName);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Replaces (or creates) <paramref name="realPath"/> with <paramref name="content"/>: its folder is created when
    /// missing, a symbolic link there is refused, and an existing file keeps its permissions.
    /// </summary>
    public static async Task WriteAsync(string realPath, ReadOnlyMemory<byte> content, string argumentName, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(realPath) ?? throw new ArgumentException("The path has no folder.", nameof(realPath));
        Directory.CreateDirectory(folder);
        EnsureNotLink(realPath, argumentName);
        var temporary = Path.Join(folder, $".glm-mcp-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous))
            {
                EnsureOpened(stream.SafeFileHandle, temporary, argumentName);
                if (!OperatingSystem.IsWindows() && File.Exists(realPath))
                    File.SetUnixFileMode(stream.SafeFileHandle, File.GetUnixFileMode(realPath));
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
            }
            EnsureNotLink(realPath, argumentName);
            // rename(2) replaces whatever is at the target, a link included, and never follows it.
            File.Move(temporary, realPath, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>The path the open handle refers to now, or null where the platform cannot tell.</summary>
    internal static string? OpenedPath(SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux())
            return null;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return new FileInfo($"/proc/self/fd/{handle.DangerousGetHandle().ToInt64()}").LinkTarget;
        }
        finally
        {
            if (added)
                handle.DangerousRelease();
        }
    }

    private static void EnsureOpened(SafeFileHandle handle, string expected, string argumentName)
    {
        var opened = OpenedPath(handle) ?? AllowedRoots.RealPath(expected).Path;
        if (!string.Equals(opened, expected, StringComparison.Ordinal))
        {
            throw new UserInputException(
                $"'{argumentName}' changed while it was being opened (a symbolic link appeared on its path); nothing was read or written. " +
                "Check that no link inside the allowed roots leads outside them, then try again.");
        }
    }

    private static void EnsureNotLink(string path, string argumentName)
    {
        if (new FileInfo(path).LinkTarget is not null)
            throw new UserInputException($"'{argumentName}' is a symbolic link; files are never written through links. Give the path of a regular file.");
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover hidden temporary file is harmless.
        }
    }
}
