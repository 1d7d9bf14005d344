using System.Diagnostics;
using GlmMcp.Inference.Glm;
using LLama;
using LLama.Common;
using LLama.Sampling;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using GlmMcp.Testing;
using SkiaSharp;

using GlmMcp.Inference.Local;

namespace GlmMcp.Bench.Engine;

/// <summary>
/// Measures the local engine against LLamaSharp's own <see cref="InteractiveExecutor"/> on the same model, prompt,
/// image and sampling (our layer should cost nothing: ratio ≥ 0.95), the time to encode an image, and what a
/// follow-up prompt sharing the system prompt and image saves through KV-cache reuse. Used by
/// <c>glm-mcp-bench engine</c>.
/// </summary>
public sealed class LocalEngineBenchmark(LocalEngineOptions options)
{
    private const string Question = "Describe the screen.";
    private const string FollowUpQuestion = "Where is the button?";

    /// <param name="image">PNG/JPEG bytes used in every prompt.</param>
    /// <param name="runs">Measured rounds; one warm-up round runs first and is not counted.</param>
    /// <param name="generatedTokens">Tokens each generation must produce (a grammar fixes the count for both sides).</param>
    public async Task<LocalEngineBenchmarkResult> RunAsync(byte[] image, int runs = 5, int generatedTokens = 64,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(runs);
        ArgumentOutOfRangeException.ThrowIfLessThan(generatedTokens, 2);
        var wrapped = Options.Create(options);
        using var client = new LocalGlmChatClient(wrapped, new ConfiguredLocalModelFiles(wrapped));
        var load = Stopwatch.StartNew();
        var info = await client.LoadAsync(null, cancellationToken).ConfigureAwait(false);
        load.Stop();

        // The same fixed-length grammar on both sides makes both generate exactly the same number of tokens.
        var grammar = $"root ::= \"x\"{{{generatedTokens}}}";
        var results = new List<LocalEngineBenchmarkRun>(runs);
        for (var round = 0; round <= runs; round++)
        {
            // A system prompt that differs per round keeps the previous round's cache from helping the cold measure.
            var system = $"Round {round}. You describe user interfaces.";
            var chatOptions = new ChatOptions { MaxOutputTokens = generatedTokens, Seed = 1 }.WithGrammar(grammar);
            var run = await MeasureRoundAsync(client, image, system, chatOptions, grammar, generatedTokens, round % 2 == 1,
                    cancellationToken)
                .ConfigureAwait(false);
            if (round > 0)
                results.Add(run);
        }

        return new LocalEngineBenchmarkResult(info, load.Elapsed, results);
    }

    private async Task<LocalEngineBenchmarkRun> MeasureRoundAsync(LocalGlmChatClient client, byte[] image, string system,
        ChatOptions chatOptions, string grammar, int generatedTokens, bool executorFirst, CancellationToken cancellationToken)
    {
        var messages = Messages(system, image, Question);
        var promptText = new GlmPromptBuilder().Build(messages, chatOptions.WithThinking(false)).Text;
        Task<(TimeSpan Prompt, TimeSpan Generation, int Tokens)> Executor() =>
            MeasureExecutorAsync(client.Model, promptText, image, grammar, generatedTokens, cancellationToken);

        // Alternating who goes first keeps warm caches and machine load from favouring one side.
        var executor = executorFirst ? await Executor().ConfigureAwait(false) : default;
        var (oursPrompt, oursGeneration, stats) = await MeasureOursAsync(client, messages, chatOptions, cancellationToken)
            .ConfigureAwait(false);
        if (!executorFirst)
            executor = await Executor().ConfigureAwait(false);

        var followUp = await client.GetResponseAsync(Messages(system, image, FollowUpQuestion), chatOptions, cancellationToken)
            .ConfigureAwait(false);
        var followUpStats = (LocalGenerationStats)followUp.AdditionalProperties![LocalGenerationStats.AdditionalPropertiesKey]!;

        var (prefix, warmRefine, coldRefine) = await MeasureRefineAsync(client, image, cancellationToken).ConfigureAwait(false);

        return new LocalEngineBenchmarkRun(stats.PromptTokens, stats.GeneratedTokens, oursPrompt, oursGeneration,
            stats.ImageEncodeTime, executor.Tokens, executor.Prompt, executor.Generation, followUpStats.PromptEvalTime,
            followUpStats.PromptTokens, followUpStats.ReusedPromptTokens, prefix, warmRefine.PromptTokens,
            warmRefine.ReusedPromptTokens, warmRefine.ReusedImageCount, warmRefine.PromptEvalTime, coldRefine.PromptEvalTime);
    }

    /// <summary>
    /// screenshot_to_code's round 1 and round 2 as the workflow builds them, then round 2 again after an unrelated
    /// request has taken the context: the shared prefix (round 1's prompt), and round 2's stats warm and cold.
    /// </summary>
    private static async Task<(int Prefix, LocalGenerationStats Warm, LocalGenerationStats Cold)> MeasureRefineAsync(
        LocalGlmChatClient client, byte[] target, CancellationToken cancellationToken)
    {
        var options = new ChatOptions { MaxOutputTokens = 4, Seed = 1 }.WithGrammar("root ::= \"x\"{4}");
        var render = Marked(target, SKColors.Orange);
        var diff = Marked(target, SKColors.Red);
        var first = await client.GetResponseAsync(RefineConversation.FirstRound(target), options, cancellationToken).ConfigureAwait(false);
        var warm = await client.GetResponseAsync(RefineConversation.SecondRound(target, render, diff), options, cancellationToken).ConfigureAwait(false);
        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Something else.")], options, cancellationToken).ConfigureAwait(false);
        var cold = await client.GetResponseAsync(RefineConversation.SecondRound(target, render, diff), options, cancellationToken).ConfigureAwait(false);
        return (Stats(first).PromptTokens, Stats(warm), Stats(cold));
    }

    private static LocalGenerationStats Stats(ChatResponse response) =>
        (LocalGenerationStats)response.AdditionalProperties![LocalGenerationStats.AdditionalPropertiesKey]!;

    /// <summary>The picture with a coloured box drawn on it: another image of the same size (the render, the diff).</summary>
    private static byte[] Marked(byte[] png, SKColor colour)
    {
        using var bitmap = SKBitmap.Decode(png);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Color = colour })
            canvas.DrawRect(bitmap.Width / 4f, bitmap.Height / 4f, bitmap.Width / 3f, bitmap.Height / 5f, paint);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static List<ChatMessage> Messages(string system, byte[] image, string question) =>
    [
        new(ChatRole.System, system),
        new(ChatRole.User, [new DataContent(image, "image/png"), new TextContent(question)]),
    ];

    private static async Task<(TimeSpan Prompt, TimeSpan Generation, LocalGenerationStats Stats)> MeasureOursAsync(
        LocalGlmChatClient client, List<ChatMessage> messages, ChatOptions chatOptions, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        TimeSpan? first = null;
        LocalGenerationStats? stats = null;
        var last = TimeSpan.Zero;
        await foreach (var update in client.GetStreamingResponseAsync(messages, chatOptions, cancellationToken).ConfigureAwait(false))
        {
            if (update.Contents.OfType<TextContent>().Any())
            {
                first ??= watch.Elapsed;
                last = watch.Elapsed;
            }

            if (update.AdditionalProperties?.TryGetValue(LocalGenerationStats.AdditionalPropertiesKey, out var s) == true)
                stats = (LocalGenerationStats)s!;
        }

        var firstToken = first ?? watch.Elapsed;
        return (firstToken, last - firstToken, stats!);
    }

    private async Task<(TimeSpan Prompt, TimeSpan Generation, int Tokens)> MeasureExecutorAsync(LocalGlmModel model,
        string prompt, byte[] image, string grammar, int generatedTokens, CancellationToken cancellationToken)
    {
        using var context = model.Weights.CreateContext(model.ContextParams(options));
        var executor = new InteractiveExecutor(context, model.Mtmd);
        executor.Embeds.Add(model.Mtmd.LoadMedia(image));
        using var pipeline = new DefaultSamplingPipeline
        {
            Temperature = options.Temperature,
            TopP = options.TopP,
            TopK = options.TopK,
            RepeatPenalty = options.RepetitionPenalty,
            Seed = 1,
            Grammar = new Grammar(grammar, "root"),
        };
        var inference = new InferenceParams { MaxTokens = generatedTokens, SamplingPipeline = pipeline };

        var watch = Stopwatch.StartNew();
        TimeSpan? first = null;
        var last = TimeSpan.Zero;
        var tokens = 0;
        await foreach (var piece in executor.InferAsync(prompt, inference, cancellationToken).ConfigureAwait(false))
        {
            if (piece.Length == 0)
                continue;
            first ??= watch.Elapsed;
            last = watch.Elapsed;
            tokens++;
        }

        var firstToken = first ?? watch.Elapsed;
        return (firstToken, last - firstToken, tokens);
    }
}
