using System.Diagnostics;
using System.Globalization;

namespace GlmMcp.Testing;

/// <summary>
/// Videos made by the machine's ffmpeg for tests (the tests need it, as they need Chromium): a red background whose
/// hue turns 90° a second, as <see cref="TestMedia.VideoAsync"/> paints, encoded with any codec ffmpeg has, in exact
/// time (not recorded in real time, so lengths are exact).
/// </summary>
public static class FfmpegMedia
{
    public const string Ffmpeg = "/usr/bin/ffmpeg";

    /// <summary>
    /// A <paramref name="seconds"/>-second video at 25 frames a second in <paramref name="container"/> (<c>mp4</c>,
    /// <c>webm</c>), encoded with <paramref name="codec"/> (e.g. <c>-c:v libx265</c>), then with <paramref name="remux"/>
    /// applied in a second pass that copies the stream (e.g. <c>-metadata:s:v:0 rotate=90</c>).
    /// </summary>
    public static async Task<byte[]> VideoAsync(double seconds, string container, string[] codec, string[]? remux = null, int width = 320, int height = 240)
    {
        var folder = Directory.CreateTempSubdirectory("glm-mcp-test-video-");
        try
        {
            var encoded = Path.Join(folder.FullName, "encoded." + container);
            var source = string.Create(CultureInfo.InvariantCulture, $"color=c=#c02020:size={width}x{height}:rate=25,hue=H=t*PI/2,format=yuv420p");
            await RunAsync(["-f", "lavfi", "-i", source, "-t", seconds.ToString(CultureInfo.InvariantCulture), .. codec, encoded]);
            if (remux is null)
                return await File.ReadAllBytesAsync(encoded);
            var remuxed = Path.Join(folder.FullName, "remuxed." + container);
            await RunAsync(["-i", encoded, "-c", "copy", .. remux, remuxed]);
            return await File.ReadAllBytesAsync(remuxed);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task RunAsync(string[] arguments)
    {
        var start = new ProcessStartInfo(Ffmpeg) { RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in (string[])["-nostdin", "-hide_banner", "-v", "error", "-y", .. arguments])
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"ffmpeg {string.Join(' ', arguments)} failed: {errors}");
    }
}
