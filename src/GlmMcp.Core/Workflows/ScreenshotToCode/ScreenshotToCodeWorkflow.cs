using System.Diagnostics;
using System.Text;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Rendering;
using GlmMcp.Core.Security;
using GlmMcp.Core.Sessions;
using Microsoft.Extensions.AI;

namespace GlmMcp.Core.Workflows.ScreenshotToCode;

/// <summary>
/// Screenshot → code, checked by eye: generate, extract the code, render it at the target's size, compare (pixel
/// diff + <see cref="LayoutScorer"/>), and while the score is below the goal and rounds remain, show the model its
/// render, the diff picture and the changed regions and ask for the corrected file. The best version wins, not the
/// last; cancellation returns the best so far; answers without code end as a clear "no code produced".
/// </summary>
public sealed class ScreenshotToCodeWorkflow(
    IPageRenderer renderer, VisualDiffer differ, ImageDecoder decoder, SessionStore sessions, IModelAnswerReader reader)
{
    /// <summary>Phases per round, for progress: model, render, compare.</summary>
    private const int StepsPerRound = 3;

    /// <summary>How much of a codeless answer the result quotes.</summary>
    private const int QuotedAnswerChars = 160;

    public Task<ScreenshotToCodeResult> RunAsync(ScreenshotToCodeRequest request, IChatClient chat, IProgress<WorkflowProgress>? progress, CancellationToken cancellationToken) =>
        RunAsync(request, chat, progress, null, cancellationToken);

    /// <summary>The same, handing every round that produced a render to <paramref name="captured"/> as it is scored.</summary>
    public async Task<ScreenshotToCodeResult> RunAsync(ScreenshotToCodeRequest request, IChatClient chat, IProgress<WorkflowProgress>? progress,
        Action<RoundCapture>? captured, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var targetPng = ImageEncoder.EncodePng(request.Target);
        var layoutTarget = LayoutScorer.Prepare(request.Target);
        var rounds = new List<RoundResult>();
        Candidate? best = null;
        var newBest = false;
        string? lastAnswer = null;
        var cancelled = false;
        var steps = request.MaxRounds * StepsPerRound;

        if (request.SessionId is { } continued)
        {
            var info = await sessions.GetAsync(continued, cancellationToken).ConfigureAwait(false);
            if (info.Current > 0)
            {
                var code = await sessions.ReadCodeAsync(continued, info.Current, cancellationToken).ConfigureAwait(false);
                var (start, note, timings) = await EvaluateAsync(request, layoutTarget, code, 0, 0, cancellationToken).ConfigureAwait(false);
                rounds.Add(new RoundResult(0, "start", start?.Score, start?.Diff.DiffPercent, start?.Diff.RegionCount, note ?? "the session's current code", timings));
                best = start;
            }
        }

        try
        {
            for (var round = 1; round <= request.MaxRounds; round++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var kind = best is null ? "generate" : "refine";
                var clock = Stopwatch.GetTimestamp();
                var messages = best is null
                    ? ScreenshotToCodePrompts.Generate(targetPng, request.Stack, request.Width, request.Height, request.Instructions)
                    : ScreenshotToCodePrompts.Refine(targetPng, request.Stack, request.Width, request.Height, request.Instructions,
                        best.Code, best.RenderPng, best.Diff.DiffPng!, best.Score, best.Diff);
                var promptMs = Stopwatch.GetElapsedTime(clock).TotalMilliseconds;

                progress?.Report(new WorkflowProgress(kind, round, request.MaxRounds, (round - 1) * StepsPerRound, steps,
                    kind == "generate" ? $"Round {round}: the model writes the page" : $"Round {round}: the model corrects the page (best so far {best!.Score.Total:0.#})"));
                clock = Stopwatch.GetTimestamp();
                var response = await chat.GetResponseAsync(messages, null, cancellationToken).ConfigureAwait(false);
                var modelMs = Stopwatch.GetElapsedTime(clock).TotalMilliseconds;
                lastAnswer = response.Text ?? string.Empty;

                clock = Stopwatch.GetTimestamp();
                var extracted = reader.ExtractCode(lastAnswer);
                var extractMs = Stopwatch.GetElapsedTime(clock).TotalMilliseconds;
                if (extracted is null)
                {
                    rounds.Add(new RoundResult(round, kind, null, null, null, "no code in the answer",
                        new RoundTimings(promptMs, modelMs, extractMs, 0, 0, 0, 0)));
                    continue;
                }

                progress?.Report(new WorkflowProgress("render", round, request.MaxRounds, (round - 1) * StepsPerRound + 1, steps, $"Round {round}: rendering in Chromium"));
                var (candidate, note, timings) = await EvaluateAsync(request, layoutTarget, extracted.Code, round, (round - 1) * StepsPerRound + 2, cancellationToken, progress).ConfigureAwait(false);
                timings = timings with { PromptMs = promptMs, ModelMs = modelMs, ExtractMs = extractMs };
                if (extracted.Truncated)
                    note = note is null ? "code cut off (the answer hit its length limit)" : $"{note}; code cut off";
                rounds.Add(new RoundResult(round, kind, candidate?.Score, candidate?.Diff.DiffPercent, candidate?.Diff.RegionCount, note, timings));
                if (candidate is not null)
                    captured?.Invoke(new RoundCapture(round, candidate.Code, candidate.RenderPng, candidate.Diff.DiffPng));
                if (candidate is not null && (best is null || candidate.Score.Total > best.Score.Total))
                {
                    best = candidate;
                    newBest = true;
                }
                if (best is not null && best.Score.Total >= request.TargetScore)
                    break;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && best is not null)
        {
            cancelled = true;
        }

        if (best is null)
        {
            return new ScreenshotToCodeResult(null, null, null, null, 0, rounds, request.SessionId, null, null, cancelled, NoCode(rounds.Count, lastAnswer));
        }

        progress?.Report(new WorkflowProgress("save", rounds.Count, request.MaxRounds, steps, steps, $"Best: round {best.Round}, score {best.Score.Total:0.#}"));
        // Saving happens even after cancellation: the best so far is what the caller gets back.
        var (sessionId, version) = newBest ? await SaveAsync(request, targetPng, best, CancellationToken.None).ConfigureAwait(false) : (request.SessionId, (int?)null);
        string? written = null;
        if (request.OutputPath is { } path)
        {
            await VerifiedFile.WriteAsync(path, Encoding.UTF8.GetBytes(best.Code), "output_path", CancellationToken.None).ConfigureAwait(false);
            written = path;
        }
        List<string>? writtenFiles = null;
        if (request.OutputProject is { } project)
        {
            writtenFiles = [];
            foreach (var file in PageProject.Files(best.Code, request.Stack))
            {
                var target = project.Files[file.Path];
                await VerifiedFile.WriteAsync(target, Encoding.UTF8.GetBytes(file.Content), "output_dir", CancellationToken.None).ConfigureAwait(false);
                writtenFiles.Add(target);
            }
        }
        return new ScreenshotToCodeResult(best.Code, best.RenderPng, best.Diff.DiffPng, best.Score, best.Round, rounds, sessionId, version, written, cancelled, null, writtenFiles);
    }

    private async Task<(Candidate? Candidate, string? Note, RoundTimings Timings)> EvaluateAsync(
        ScreenshotToCodeRequest request, LayoutTarget layoutTarget, string code, int round, int step, CancellationToken cancellationToken, IProgress<WorkflowProgress>? progress = null)
    {
        var clock = Stopwatch.GetTimestamp();
        RenderResult render;
        try
        {
            render = await renderer.RenderAsync(new RenderRequest
            {
                Html = PageStackInjector.ForRender(code, request.Stack),
                Width = request.Width,
                Height = request.Height,
                DeviceScaleFactor = request.DeviceScaleFactor,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (UserInputException e)
        {
            // The model's page is at fault (e.g. a script that never ends), not the caller: the round fails, the loop goes on.
            return (null, $"render failed: {e.Message}", new RoundTimings(0, 0, 0, Stopwatch.GetElapsedTime(clock).TotalMilliseconds, 0, 0, 0));
        }
        var image = decoder.Decode(render.Image, "render");
        var renderMs = Stopwatch.GetElapsedTime(clock).TotalMilliseconds;

        progress?.Report(new WorkflowProgress("compare", round, request.MaxRounds, step, request.MaxRounds * StepsPerRound, $"Round {round}: comparing with the target"));
        var (diff, score, diffMs, scoreMs, compareMs) = await RenderComparison.CompareAsync(differ, layoutTarget, image).ConfigureAwait(false);
        var note = render.ConsoleErrors.Count > 0 ? $"page errors: {string.Join("; ", render.ConsoleErrors.Take(3))}" : null;
        return (new Candidate(round, code, render.Image, diff, score), note, new RoundTimings(0, 0, 0, renderMs, diffMs, scoreMs, compareMs));
    }

    private async Task<(string SessionId, int? Version)> SaveAsync(ScreenshotToCodeRequest request, byte[] targetPng, Candidate best, CancellationToken cancellationToken)
    {
        var id = request.SessionId ?? (await sessions.CreateAsync(
            new NewSession(request.Width, request.Height, request.DeviceScaleFactor, request.Stack, TargetPng: targetPng), cancellationToken).ConfigureAwait(false)).Id;
        var kind = request.SessionId is null && best.Round == 1 ? "generate" : "refine";
        var version = await sessions.AddVersionAsync(id, new NewSessionVersion(best.Code, best.RenderPng, kind,
            request.Instructions ?? "reproduce the screenshot", best.Score.Total), cancellationToken).ConfigureAwait(false);
        return (id, version.Number);
    }

    private static string NoCode(int rounds, string? lastAnswer)
    {
        if (rounds == 0)
            return "No code produced: the run was cancelled before the model answered.";
        if (string.IsNullOrWhiteSpace(lastAnswer))
            return $"No code produced: the model returned empty answers in {rounds} round(s). Try another engine or model, or more rounds.";
        var quote = lastAnswer.Length <= QuotedAnswerChars ? lastAnswer : lastAnswer[..QuotedAnswerChars] + "…";
        return $"No code produced: the model's answers in {rounds} round(s) held no HTML. The last one began: \"{quote.ReplaceLineEndings(" ")}\"";
    }

    private sealed record Candidate(int Round, string Code, byte[] RenderPng, VisualDiffResult Diff, LayoutScore Score);
}
