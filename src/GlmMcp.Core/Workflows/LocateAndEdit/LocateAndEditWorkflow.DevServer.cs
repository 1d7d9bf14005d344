using System.Text;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Security;
using GlmMcp.Core.Sessions;
using Microsoft.Extensions.AI;

namespace GlmMcp.Core.Workflows.LocateAndEdit;

/// <summary>
/// locate_and_edit on a page of a dev server on loopback: the marked element is mapped to the file and line it is
/// written at (<see cref="SourceLocator"/>), the model rewrites that element's source, and the edit is written to the
/// file so the dev server builds it; once the server has picked it up the page is rendered again and compared inside
/// versus outside the mark. A refused edit, a dry run, an error or a cancellation puts the file back as it was (and
/// waits for the server to pick that up too). An accepted edit is kept and saved as a session version that records
/// the file, so <c>session_undo</c> writes it back.
/// </summary>
public sealed partial class LocateAndEditWorkflow
{
    private async Task<LocateAndEditResult> RunOnDevServerAsync(LocateAndEditRequest request, IChatClient chat, IProgress<WorkflowProgress>? progress,
        CancellationToken cancellationToken)
    {
        const int steps = 5;
        var page = new Uri(request.Url!);
        var roots = request.Roots ?? throw new UserInputException("Editing a dev server's page needs the allowed roots that hold its source files.");
        var (width, height, scale) = (request.Width, request.Height, request.DeviceScaleFactor);

        progress?.Report(new WorkflowProgress("render", 1, 1, 0, steps, "Rendering the dev server's page"));
        var given = request.Region;
        var before = await devServer.MeasureAsync(page.AbsoluteUri, width, height, scale, given is { } g ? Centre(g) : null, given, cancellationToken).ConfigureAwait(false);
        var beforeImage = decoder.Decode(before.Layout.Png, "render");

        progress?.Report(new WorkflowProgress("locate", 1, 1, 1, steps, "Finding the marked element and its source"));
        var (region, located) = await LocateAsync(request, before.Layout, beforeImage, chat, cancellationToken).ConfigureAwait(false);
        if (given is null)
            before = await devServer.MeasureAsync(page.AbsoluteUri, width, height, scale, Centre(region), region, cancellationToken).ConfigureAwait(false);
        var candidates = ElementHitTester.Rank(region, before.Layout, before.Tagged);
        if (candidates.Count == 0)
            throw new UserInputException(
                $"Nothing of the page is drawn in the region x={region.X} y={region.Y} width={region.Width} height={region.Height}. Mark an element that is visible in the render.");
        var chosen = candidates[0];
        var element = before.Elements[chosen.Element.Index];
        var source = await locator.LocateAsync(element, page, roots, cancellationToken).ConfigureAwait(false);
        var original = await VerifiedFile.ReadAllTextAsync(source.Path, "source", cancellationToken).ConfigureAwait(false);
        var snippet = original[source.Start..source.End];
        var name = RootRelative(roots, source.Path);
        var language = Path.GetExtension(source.Path).TrimStart('.') switch
        {
            "jsx" or "tsx" or "js" or "ts" => "jsx",
            "vue" => "vue",
            "svelte" => "svelte",
            _ => "html",
        };

        var closeUp = ImageEncoder.EncodePng(Crop(beforeImage, Expand(region, (int)Math.Ceiling(CloseUpMargin * scale), beforeImage)));
        var messages = LocateAndEditPrompts.EditSource(before.Layout.Png, closeUp, region, element.Tag, snippet, name, source.Line, language, request.Instruction);
        var gate = _fileLocks.GetOrAdd(source.Path, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var onDisk = await VerifiedFile.ReadAllTextAsync(source.Path, "source", cancellationToken).ConfigureAwait(false);
            if (!string.Equals(onDisk, original, StringComparison.Ordinal))
                throw new UserInputException($"{name} changed on disk while the edit was being prepared; nothing was written. Run the edit again.");
            var served = await reload.ServedAsync(page, source.Path, cancellationToken).ConfigureAwait(false);
            Attempt? last = null;
            var written = new WrittenSource(served);
            var attempts = 0;
            var keep = false;
            try
            {
                for (attempts = 1; attempts <= MaxAttempts; attempts++)
                {
                    progress?.Report(new WorkflowProgress("edit", attempts, MaxAttempts, 2, steps, $"Attempt {attempts}: the model rewrites the <{element.Tag}> in {name}"));
                    var answer = (await chat.GetResponseAsync(messages, null, cancellationToken).ConfigureAwait(false)).Text ?? string.Empty;
                    progress?.Report(new WorkflowProgress("verify", attempts, MaxAttempts, 3, steps, $"Attempt {attempts}: writing {name}, waiting for the dev server, re-rendering"));
                    last = await TryOnDevServerAsync(page, source, original, written, name, answer, region, chosen.Box, width, height, scale, beforeImage, cancellationToken).ConfigureAwait(false);
                    if (last.Reason is null)
                        break;
                    if (attempts < MaxAttempts)
                        LocateAndEditPrompts.AddRetry(messages, answer, last.Reason, last.AfterPng, last.DiffPng, last.Outside, [], LocateAndEditPrompts.OneFence(language));
                }
                attempts = Math.Min(attempts, MaxAttempts);
                keep = last!.Reason is null && !request.DryRun;
            }
            finally
            {
                if (!keep && written.Written)
                    await PutBackAsync(page, source.Path, original, written.OnServer, name).ConfigureAwait(false);
            }

            var accepted = last.Reason is null;
            var patch = last.Code is null ? string.Empty : UnifiedDiff.Create(original, last.Code, "a/" + name, "b/" + name);
            string? sessionId = null;
            int? version = null;
            int? basedOn = null;
            if (keep)
            {
                progress?.Report(new WorkflowProgress("save", 1, 1, 4, steps, "Recording the edit for undo"));
                var created = await sessions.CreateAsync(new NewSession(width, height, scale, language, source.Path), cancellationToken).ConfigureAwait(false);
                basedOn = (await sessions.AddVersionAsync(created.Id, new NewSessionVersion(original, before.Layout.Png, "import", page.AbsoluteUri, null), cancellationToken).ConfigureAwait(false)).Number;
                version = (await sessions.AddVersionAsync(created.Id, new NewSessionVersion(last.Code!, last.AfterPng, "edit", request.Instruction, null,
                    [new SessionFileChange(source.Path, original, last.Code!)]), cancellationToken).ConfigureAwait(false)).Number;
                sessionId = created.Id;
            }
            return new LocateAndEditResult(accepted, last.Reason, patch, last.Code, before.Layout.Png, last.AfterPng, last.DiffPng, region, located,
                element.Tag, snippet, last.Inside, last.OutsidePixels, last.Changed, attempts, sessionId, version, keep ? source.Path : null,
                basedOn, basedOn, null, last.Code is null ? null : [name], $"{name}:{source.Line} ({source.How})");
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Writes one answer into the file, waits for the dev server, renders, compares; <paramref name="written"/> follows what is on disk and on the server.</summary>
    private async Task<Attempt> TryOnDevServerAsync(Uri page, SourceLocation source, string original, WrittenSource written,
        string name, string answer, PixelRect region, PixelRect box, int width, int height, double scale, RgbaImage beforeImage, CancellationToken cancellationToken)
    {
        var rewritten = EditAnswer.Parse(reader.VisibleText(answer)).Html ?? ExtractSnippet(answer);
        if (rewritten is null)
            return Attempt.Failed("the answer held no code. Reply with the rewritten element in one fence.");
        var newCode = string.Concat(original.AsSpan(0, source.Start), rewritten, original.AsSpan(source.End));
        if (string.Equals(newCode, original, StringComparison.Ordinal))
            return Attempt.Failed("the rewritten element is identical to the original.");

        // An answer the last attempt already wrote is on disk and served: nothing to wait for.
        if (!string.Equals(written.OnDisk, newCode, StringComparison.Ordinal))
        {
            written.OnDisk = newCode;
            await VerifiedFile.WriteAsync(source.Path, Encoding.UTF8.GetBytes(newCode), "source", cancellationToken).ConfigureAwait(false);
            await reload.WaitForChangeAsync(page, source.Path, written.OnServer, name, cancellationToken).ConfigureAwait(false);
            written.OnServer = await reload.ServedAsync(page, source.Path, cancellationToken).ConfigureAwait(false);
        }

        var after = await devServer.MeasureAsync(page.AbsoluteUri, width, height, scale, null, null, cancellationToken).ConfigureAwait(false);
        var afterImage = decoder.Decode(after.Layout.Png, "render");
        var full = differ.Diff(beforeImage, afterImage, new VisualDiffOptions { SizeMismatch = SizeMismatchMode.Pad, DiffImage = DiffImageKind.Overlay });
        var allowed = Expand(Union(region, box), (int)Math.Ceiling(AllowedMargin * scale), beforeImage);
        var outside = differ.Diff(beforeImage, afterImage, new VisualDiffOptions { SizeMismatch = SizeMismatchMode.Pad, DiffImage = DiffImageKind.None, IgnoreRegions = [allowed] });
        var inside = full.DiffPixels - outside.DiffPixels;
        string? reason = null;
        if (full.DiffPixels == 0)
            reason = "the page looks exactly as before; the edit made no visible change.";
        else if (outside.DiffPixels > Math.Max(OutsideNoisePixels, inside * OutsideShareOfInside))
            reason = $"{outside.DiffPixels} pixels changed outside the marked area (against {inside} inside it).";
        else if (inside == 0)
            reason = "nothing changed inside the marked area.";
        return new Attempt(newCode, rewritten, after.Layout.Png, full.DiffPng, inside, outside.DiffPixels, full.Regions, outside.Regions, reason,
            new Dictionary<string, string>(), []);
    }

    /// <summary>Writes the original back and waits (bounded, not cancellable: the file must not stay half-edited) for the server to serve it again.</summary>
    private async Task PutBackAsync(Uri page, string path, string original, string? onServer, string name)
    {
        await VerifiedFile.WriteAsync(path, Encoding.UTF8.GetBytes(original), "source", CancellationToken.None).ConfigureAwait(false);
        try
        {
            await reload.WaitForChangeAsync(page, path, onServer, name, CancellationToken.None).ConfigureAwait(false);
        }
        catch (UserInputException)
        {
            // The file is back on disk; a server that does not pick it up is the error already being reported, if any.
        }
    }

    /// <summary>Whether an attempt wrote the source file, and what the dev server served for it after the last write it picked up (null: not Vite).</summary>
    private sealed class WrittenSource(string? served)
    {
        /// <summary>What an attempt wrote into the file; null while the file is untouched.</summary>
        public string? OnDisk { get; set; }

        public bool Written => OnDisk is not null;

        public string? OnServer { get; set; } = served;
    }

    private static string RootRelative(AllowedRoots roots, string path)
    {
        var root = roots.Roots.Where(r => path.StartsWith(r.EndsWith(Path.DirectorySeparatorChar) ? r : r + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .MaxBy(r => r.Length);
        return (root is null ? path : Path.GetRelativePath(root, path)).Replace('\\', '/');
    }
}
