using System.CommandLine;
using GlmMcp.Inference.Local;
using GlmMcp.Testing;
using SkiaSharp;
using GlmMcp.Core;
using GlmMcp.Server.Cli;

using GlmMcp.Bench.Engine;

namespace GlmMcp.Bench.Verbs;

/// <summary>
/// <c>glm-mcp-bench engine [--model PATH --mmproj PATH]</c>: prompt-eval and generation tokens/s of the local engine
/// next to LLamaSharp's own <c>InteractiveExecutor</c> on the same prompt (goal: ratio ≥ 0.95), the time to encode an
/// image, and the saving of a follow-up prompt that shares the system prompt and image (KV-cache reuse). Without
/// model paths it runs on the synthetic tiny GLM-4.6V-shaped model, written to a temp folder.
/// </summary>
internal static class BenchEngineCommand
{
    // A UI-like test picture: 640x400 becomes 644x392 on the GLM grid, 322 image tokens on the real model.
    private const int ImageWidth = 640;
    private const int ImageHeight = 400;

    public static Command Create()
    {
        var model = new Option<FileInfo?>("--model") { Description = "Text GGUF (GLM-4.6V-Flash or GLM-4.6V). Default: the synthetic tiny model." };
        var mmproj = new Option<FileInfo?>("--mmproj") { Description = "The glm4v mmproj GGUF that belongs to --model." };
        var image = new Option<FileInfo?>("--image") { Description = "PNG/JPEG to use in the prompt (default: a drawn 640x400 UI)." };
        var runs = new Option<int>("--runs") { Description = "Measured rounds (after one warm-up).", DefaultValueFactory = _ => 5 };
        var tokens = new Option<int>("--tokens") { Description = "Tokens generated per request.", DefaultValueFactory = _ => 64 };
        var threads = new Option<int?>("--threads") { Description = "CPU threads (default: llama.cpp's choice)." };
        var command = new Command("engine", "Local engine speed vs LLamaSharp's InteractiveExecutor, image encode time, KV-cache reuse on a shared prefix and across screenshot_to_code rounds.");
        foreach (var option in new Option[] { model, mmproj, image, runs, tokens, threads })
            command.Options.Add(option);
        command.SetAction((result, ct) => VerbRunner.RunAsync(async () =>
        {
            string? tempFolder = null;
            try
            {
                var modelPath = result.GetValue(model)?.FullName;
                var mmprojPath = result.GetValue(mmproj)?.FullName;
                if (modelPath is null)
                {
                    if (mmprojPath is not null)
                        throw new UserInputException("--mmproj needs --model as well.");
                    tempFolder = Directory.CreateTempSubdirectory("glm-mcp-bench-").FullName;
                    modelPath = Path.Join(tempFolder, "tiny-glm4.gguf");
                    mmprojPath = Path.Join(tempFolder, "tiny-mmproj-glm4v.gguf");
                    SyntheticGgufWriter.WriteTextModel(modelPath);
                    SyntheticGgufWriter.WriteVisionProjector(mmprojPath);
                }

                var options = new LocalEngineOptions
                {
                    ModelPath = modelPath,
                    MmprojPath = mmprojPath,
                    ContextSize = 4096,
                    Threads = result.GetValue(threads),
                };
                var imageFile = result.GetValue(image);
                var picture = imageFile is null ? DrawTestImage() : await File.ReadAllBytesAsync(imageFile.FullName, ct);
                var bench = await new LocalEngineBenchmark(options)
                    .RunAsync(picture, Math.Max(1, result.GetValue(runs)), Math.Max(2, result.GetValue(tokens)), ct);
                Print(bench, tempFolder is not null);
                return ExitCodes.Ok;
            }
            finally
            {
                if (tempFolder is not null)
                    Directory.Delete(tempFolder, recursive: true);
            }
        }));
        return command;
    }

    private static void Print(LocalEngineBenchmarkResult bench, bool synthetic)
    {
        var m = bench.Model;
        var report = new BenchReport(
            $"local engine on {(synthetic ? "the synthetic tiny model" : Path.GetFileName(m.ModelPath))} ({m.Architecture}, " +
            $"{m.BlockCount} layers, embedding {m.EmbeddingLength}); load {bench.LoadTime.TotalMilliseconds:0} ms");
        foreach (var run in bench.Runs)
        {
            report.Add("ours: prompt eval (to 1st token)", run.OursPromptTime.TotalMilliseconds);
            report.Add("executor: prompt eval", run.ExecutorPromptTime.TotalMilliseconds);
            report.Add("ours: generation", run.OursGenerationTime.TotalMilliseconds);
            report.Add("executor: generation", run.ExecutorGenerationTime.TotalMilliseconds);
            report.Add("ours: image encode", run.OursImageEncodeTime.TotalMilliseconds);
            report.Add("follow-up prompt eval (cache)", run.FollowUpPromptTime.TotalMilliseconds);
            report.Add("refine round 2 prompt eval, after round 1", run.RefineWarmPromptTime.TotalMilliseconds);
            report.Add("refine round 2 prompt eval, cold (anchor)", run.RefineColdPromptTime.TotalMilliseconds);
        }

        var first = bench.Runs[0];
        report.Note($"prompt: {first.PromptTokens} tokens; generated: {first.GeneratedTokens} (ours) / {first.ExecutorGeneratedTokens} (executor)");
        report.Note($"prompt eval tok/s: ours {bench.Median(r => r.OursPromptTokensPerSecond):0.0}, executor " +
            $"{bench.Median(r => r.ExecutorPromptTokensPerSecond):0.0}, ratio {bench.PromptSpeedRatio:0.00} (goal >= 0.95)");
        report.Note($"generation tok/s: ours {bench.Median(r => r.OursGenerationTokensPerSecond):0.0}, executor " +
            $"{bench.Median(r => r.ExecutorGenerationTokensPerSecond):0.0}, ratio {bench.GenerationSpeedRatio:0.00} (goal >= 0.95)");
        var cold = bench.Median(r => r.OursPromptTime.TotalMilliseconds);
        var warm = bench.Median(r => r.FollowUpPromptTime.TotalMilliseconds);
        report.Note($"follow-up sharing system prompt + image: KV cache reused {(first.FollowUpReusedTokens > 0 ? "yes" : "no")}, " +
            $"{first.FollowUpReusedTokens} of {first.FollowUpPromptTokens} prompt tokens not evaluated again; prompt eval " +
            $"{warm:0.0} ms vs {cold:0.0} ms cold (saves {cold - warm:0.0} ms, {(cold > 0 ? (cold - warm) / cold : 0):P0})");
        var coldRefine = bench.Median(r => r.RefineColdPromptTime.TotalMilliseconds);
        var warmRefine = bench.Median(r => r.RefineWarmPromptTime.TotalMilliseconds);
        report.Note($"screenshot_to_code round 2 (target + render + diff picture): reuses {first.RefineReusedTokens} of its {first.RefinePromptTokens} " +
            $"prompt tokens and {first.RefineReusedImages} of 3 images; the shared prefix (system text, target image, ask: round 1's prompt) is " +
            $"{first.RefinePrefixTokens} tokens, {(double)first.RefineReusedTokens / first.RefinePrefixTokens:P0} of it reused (goal >= 90 %); " +
            $"prompt eval {warmRefine:0.0} ms vs {coldRefine:0.0} ms cold (saves {coldRefine - warmRefine:0.0} ms, ratio {warmRefine / coldRefine:0.00})");
        report.Print(Console.Out); // stdout-ok: CLI verb output, never under serve
    }

    private static byte[] DrawTestImage()
    {
        using var bitmap = new SKBitmap(ImageWidth, ImageHeight);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.WhiteSmoke);
            using var header = new SKPaint { Color = SKColors.SteelBlue };
            using var button = new SKPaint { Color = SKColors.SeaGreen };
            canvas.DrawRect(0, 0, ImageWidth, 60, header);
            canvas.DrawRoundRect(new SKRoundRect(new SKRect(240, 300, 400, 350), 8), button);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var encoded = image.Encode(SKEncodedImageFormat.Png, 100);
        return encoded.ToArray();
    }
}
