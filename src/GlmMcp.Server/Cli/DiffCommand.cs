using System.CommandLine;
using GlmMcp.Core;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Security;
using GlmMcp.Server.Contract;
using Microsoft.Extensions.DependencyInjection;

namespace GlmMcp.Server.Cli;

/// <summary>
/// <c>glm-mcp diff BEFORE AFTER</c>: the <c>visual_diff</c> tool from a shell. Exit 0 when identical, 1 when
/// different, 2 on an error (odiff uses 0 / 22 for different / 21 for a layout difference).
/// </summary>
internal static class DiffCommand
{
    public static Command Create()
    {
        var before = new Argument<string>("before") { Description = ArgumentText.Before };
        var after = new Argument<string>("after") { Description = ArgumentText.After };
        var threshold = new Option<double>("--threshold") { Description = ArgumentText.Threshold, DefaultValueFactory = _ => VisualDiffOptions.DefaultThreshold };
        var includeAa = new Option<bool>("--include-aa") { Description = ArgumentText.IncludeAntialiasing };
        var ignore = new Option<string[]>("--ignore") { Description = "x,y,w,h rectangle to leave out. Repeatable.", AllowMultipleArgumentsPerToken = false };
        var sizeMismatch = new Option<string>("--size-mismatch") { Description = ArgumentText.SizeMismatch, DefaultValueFactory = _ => "fail" };
        var picture = new Option<string>("--diff-image") { Description = "Picture written by --out: overlay (default) or mask (none writes no picture, so it cannot go with --out).", DefaultValueFactory = _ => "overlay" };
        var mergeDistance = new Option<int>("--merge-distance") { Description = ArgumentText.MergeDistance, DefaultValueFactory = _ => VisualDiffOptions.DefaultMergeDistance };
        var output = new Option<string?>("--out") { Description = "Write the diff picture (PNG) here." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON (the visual_diff tool's JSON)." };

        var command = new Command("diff",
            "Compare two images (pixelmatch 7.2 metric) and list the changed regions. Exit code 0 = identical, 1 = different, 2 = error " +
            "(odiff uses 0/22/21).");
        command.Arguments.Add(before);
        command.Arguments.Add(after);
        foreach (var option in new Option[] { threshold, includeAa, ignore, sizeMismatch, picture, mergeDistance, output, json })
            command.Options.Add(option);
        ServerSettings.AddTo(command, ServerSettings.Shared);
        command.SetAction((result, ct) => VerbRunner.RunAsync(Names, async () =>
        {
            var configuration = ServerSettings.Build(result, ServerSettings.Shared);
            var services = new ServiceCollection().AddSecurity(configuration).AddImaging(configuration);
            await using var provider = services.BuildServiceProvider();
            var beforeArg = result.GetRequiredValue(before);
            var afterArg = result.GetRequiredValue(after);
            // The person at the shell chose these files: their folders are allowed besides the configured roots.
            var configured = provider.GetRequiredService<AllowedRoots>();
            var roots = new AllowedRoots(configured.Roots.Concat(CommandLineRoots.FoldersOf(beforeArg, afterArg, result.GetValue(output))));
            var outputFile = result.GetValue(output) is { } o ? roots.ResolveOutputPath(o, "--out") : null;
            var kind = VisualDiffArguments.ParseDiffImage(result.GetValue(picture), "--diff-image");
            if (outputFile is not null && kind == DiffImageKind.None)
                throw new UserInputException("'--diff-image none' makes no picture, so '--out' would have nothing to write: drop --out, or use --diff-image overlay or mask.");
            var options = new VisualDiffOptions
            {
                Threshold = result.GetValue(threshold),
                IncludeAntialiasing = result.GetValue(includeAa),
                IgnoreRegions = (result.GetValue(ignore) ?? []).Select(r => VisualDiffArguments.ParseRect(r)).ToArray(),
                SizeMismatch = VisualDiffArguments.ParseSizeMismatch(result.GetValue(sizeMismatch), "--size-mismatch"),
                DiffImage = outputFile is null ? DiffImageKind.None : kind,
                MergeDistance = result.GetValue(mergeDistance),
            };
            var diff = await provider.GetRequiredService<VisualDiffer>().DiffAsync(beforeArg, afterArg, roots, options, ct);
            string? written = null;
            if (outputFile is not null && diff.DiffPng is { } png)
            {
                await OutputFile.WriteAsync("--out", outputFile, () => VerifiedFile.WriteAsync(outputFile, png, "--out", ct));
                written = outputFile;
            }
            Console.WriteLine(result.GetValue(json) ? diff.ToJson() : Summary(diff, outputFile, written)); // stdout-ok: CLI verb output, never under serve
            return diff.Identical ? ExitCodes.Ok : ExitCodes.Different;
        }));
        return command;
    }

    /// <summary>How <c>visual_diff</c>'s messages are spelled here.</summary>
    private static readonly OptionNames Names = new(
        ("before", "BEFORE"), ("after", "AFTER"), ("threshold", "--threshold"), ("include_antialiasing", "--include-aa"),
        ("ignore_regions", "--ignore"), ("size_mismatch", "--size-mismatch"), ("diff_image", "--diff-image"),
        ("merge_distance", "--merge-distance"), ("output_path", "--out"));

    private static string Summary(VisualDiffResult diff, string? outputFile, string? written)
    {
        var lines = new List<string>
        {
            diff.Identical
                ? $"identical: {diff.Width}×{diff.Height}, no changed pixels ({diff.AaPixels} anti-aliased)"
                : $"different: {diff.DiffPixels} of {diff.Width}×{diff.Height} pixels changed ({diff.DiffPercent}%), {diff.AaPixels} anti-aliased, {diff.RegionCount} region(s)",
        };
        lines.AddRange(diff.Regions.Take(10).Select(r => $"  {r.Width}×{r.Height} at ({r.X},{r.Y}): {r.Pixels} px"));
        if (diff.RegionCount > 10)
            lines.Add($"  … {diff.RegionCount - 10} more (use --json for the largest {diff.Regions.Count})");
        if (written is not null)
            lines.Add($"diff image: {written}");
        else if (outputFile is not null)
            lines.Add($"no diff image: nothing differs, {outputFile} not written");
        lines.Add($"{diff.ElapsedMs} ms");
        return string.Join(Environment.NewLine, lines);
    }
}
