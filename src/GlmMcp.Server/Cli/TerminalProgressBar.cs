using GlmMcp.Inference.Models;

namespace GlmMcp.Server.Cli;

/// <summary>
/// Download progress on stderr: a redrawn bar on a terminal, a line per tenth when stderr is a file or pipe.
/// </summary>
internal sealed class TerminalProgressBar(TextWriter output, bool interactive) : IProgress<DownloadProgress>
{
    private const int BarWidth = 30;
    private const int StepsWhenPiped = 10;

    private readonly object _gate = new();
    private string? _file;
    private int _lastStep = -1;

    public void Report(DownloadProgress value)
    {
        lock (_gate)
        {
            if (value.File != _file)
            {
                if (_file is not null && interactive)
                    output.WriteLine();
                _file = value.File;
                _lastStep = -1;
            }
            var fraction = value.Fraction;
            var size = value.Total is { } total ? ModelDownloader.FormatBytes(total) : "?";
            if (interactive)
            {
                var filled = (int)Math.Round((fraction ?? 0) * BarWidth);
                output.Write($"\r{value.File} [{new string('#', filled)}{new string('.', BarWidth - filled)}] " +
                             $"{(fraction ?? 0) * 100,5:0.0}% {ModelDownloader.FormatBytes(value.Received)} / {size}   ");
                if (fraction >= 1)
                    output.WriteLine();
            }
            else
            {
                var step = (int)((fraction ?? 0) * StepsWhenPiped);
                if (step != _lastStep)
                {
                    output.WriteLine($"{value.File}: {step * 100 / StepsWhenPiped}% of {size}");
                    _lastStep = step;
                }
            }
            output.Flush();
        }
    }
}
