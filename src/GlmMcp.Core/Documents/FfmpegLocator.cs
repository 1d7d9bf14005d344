namespace GlmMcp.Core.Documents;

/// <summary>
/// Finds the ffmpeg (and the ffprobe beside it) that takes video frames: <c>Documents:FfmpegPath</c>, else
/// <c>ffmpeg</c> on PATH. Never required: without one, frames come from Chromium unless
/// <c>Documents:FrameSource</c> asks for ffmpeg or <c>Documents:FfmpegPath</c> names one, which are errors when missing.
/// </summary>
public static class FfmpegLocator
{
    private const string PathSetting = $"{DocumentOptions.Section}:FfmpegPath (GLM_MCP_{DocumentOptions.Section}__FfmpegPath)";

    /// <summary>The tools to use, or null when frames come from Chromium.</summary>
    /// <exception cref="UserInputException">ffmpeg was asked for (by the source or a path) and is missing.</exception>
    public static FfmpegTools? Locate(DocumentOptions options) => Locate(options, Environment.GetEnvironmentVariable("PATH"));

    internal static FfmpegTools? Locate(DocumentOptions options, string? searchPath)
    {
        if (options.FrameSource == FrameSource.Chromium)
            return null;
        var exe = OperatingSystem.IsWindows() ? ".exe" : "";
        string ffmpeg;
        if (!string.IsNullOrWhiteSpace(options.FfmpegPath))
        {
            ffmpeg = Path.GetFullPath(options.FfmpegPath);
            if (!IsExecutable(ffmpeg))
                throw new UserInputException($"{PathSetting} is {ffmpeg}, which is not an executable file. Fix the path, or unset it to look for ffmpeg on PATH.");
        }
        else if (OnPath("ffmpeg" + exe, searchPath) is { } found)
            ffmpeg = found;
        else if (options.FrameSource == FrameSource.Ffmpeg)
            throw new UserInputException($"{DocumentOptions.Section}:FrameSource is ffmpeg, but no ffmpeg is on PATH. {InstallHint()}, set {PathSetting}, or set FrameSource to auto.");
        else
            return null;

        var ffprobe = Path.Join(Path.GetDirectoryName(ffmpeg), "ffprobe" + exe);
        if (!IsExecutable(ffprobe))
            throw new UserInputException($"ffmpeg at {ffmpeg} has no ffprobe beside it ({ffprobe}), which reads a video's length. " +
                $"Install both ({InstallHint()}), or set {DocumentOptions.Section}:FrameSource to chromium.");
        return new FfmpegTools(ffmpeg, ffprobe);
    }

    /// <summary>How to install ffmpeg here, e.g. <c>sudo apt-get install -y ffmpeg</c>.</summary>
    public static string InstallHint()
    {
        if (OperatingSystem.IsMacOS())
            return "install it with 'brew install ffmpeg'";
        if (OperatingSystem.IsWindows())
            return "install it with 'winget install Gyan.FFmpeg'";
        if (File.Exists("/usr/bin/apt-get"))
            return "install it with 'sudo apt-get install -y ffmpeg'";
        return "install ffmpeg with your package manager";
    }

    private static string? OnPath(string name, string? searchPath) =>
        (searchPath ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(Path.IsPathFullyQualified)
            .Select(dir => Path.Join(dir, name))
            .FirstOrDefault(IsExecutable);

    private static bool IsExecutable(string path)
    {
        if (!File.Exists(path))
            return false;
        if (OperatingSystem.IsWindows())
            return true;
        const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & execute) != 0;
    }
}
