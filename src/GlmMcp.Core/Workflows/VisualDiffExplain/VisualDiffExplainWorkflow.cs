using GlmMcp.Core.Imaging;
using GlmMcp.Core.Security;
using Microsoft.Extensions.AI;

namespace GlmMcp.Core.Workflows.VisualDiffExplain;

/// <summary>
/// The <c>visual_diff</c> workflow: compares two images pixel-exactly, writes the diff picture when asked, and, given
/// a model, has it explain the measured regions (<see cref="VisualDiffExplainer"/>). A full-size picture is drawn
/// whenever it is written or shown to the model, whatever the request's <see cref="VisualDiffOptions.DiffImage"/> and
/// <see cref="VisualDiffOptions.FullSizePng"/> say.
/// </summary>
public sealed class VisualDiffExplainWorkflow(VisualDiffer differ, ImageLoader images, IModelAnswerReader answers)
{
    /// <summary>Runs the comparison; <paramref name="chat"/> is the model to explain it, or null for none.</summary>
    public async Task<VisualDiffExplainResult> RunAsync(VisualDiffExplainRequest request, AllowedRoots allowed, IChatClient? chat, CancellationToken cancellationToken)
    {
        var options = request.Options;
        if (request.OutputFile is not null || chat is not null)
            options = options with { DiffImage = options.DiffImage == DiffImageKind.None ? DiffImageKind.Overlay : options.DiffImage, FullSizePng = true };
        var diff = await differ.DiffAsync(request.Before, request.After, allowed, options, cancellationToken).ConfigureAwait(false);

        string? written = null;
        if (request.OutputFile is not null && diff.DiffPng is { } png)
        {
            await VerifiedFile.WriteAsync(request.OutputFile, png, "output_path", cancellationToken).ConfigureAwait(false);
            written = request.OutputFile;
        }
        var explanation = chat is null ? null : await ExplainAsync(request, allowed, chat, diff, cancellationToken).ConfigureAwait(false);
        return new VisualDiffExplainResult(diff, explanation, written);
    }

    /// <summary>The model sees both images (as PNG, whatever they came as) and the diff picture, and explains the measured regions.</summary>
    private async Task<DiffExplanation> ExplainAsync(VisualDiffExplainRequest request, AllowedRoots allowed, IChatClient chat, VisualDiffResult diff, CancellationToken cancellationToken)
    {
        if (diff.Identical)
            return VisualDiffExplainer.NothingChanged;
        var beforePng = ImageEncoder.EncodePng(await images.LoadAsync(request.Before, allowed, "before", cancellationToken).ConfigureAwait(false));
        var afterPng = ImageEncoder.EncodePng(await images.LoadAsync(request.After, allowed, "after", cancellationToken).ConfigureAwait(false));
        return await VisualDiffExplainer.ExplainAsync(chat, beforePng, afterPng, diff, answers.VisibleText, cancellationToken).ConfigureAwait(false);
    }
}
