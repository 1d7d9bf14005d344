using System.Collections.Concurrent;
using System.Text;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Security;
using GlmMcp.Core.Sessions;
using GlmMcp.Core.Workflows.ScreenshotToCode;
using Microsoft.Extensions.AI;

namespace GlmMcp.Core.Workflows.LocateAndEdit;

/// <summary>
/// "Change this, here": render the code with each element tagged by its source span, find the region (given, drawn,
/// or grounded by the model), hit-test it to the element that is there, let the model rewrite only that element's
/// source, splice it back, re-render, and compare before with after inside versus outside the marked area. An edit
/// that changes nothing, or changes the page elsewhere, is retried once with that evidence and then refused. Saving
/// takes the session's lock and re-reads its head: when another change landed meanwhile, the element's rewrite is
/// spliced onto the new head if that element's source is still there unchanged, and refused otherwise.
/// </summary>
public sealed partial class LocateAndEditWorkflow(IElementProbe probe, VisualDiffer differ, ImageDecoder decoder, SessionStore sessions, IModelAnswerReader reader,
    DevServerProbe devServer, SourceLocator locator, DevServerReload reload)
{
    public const int MaxAttempts = 2;

    /// <summary>Pixels of slack around the allowed area (anti-aliasing, focus rings, shadows), in CSS pixels.</summary>
    public const int AllowedMargin = 8;

    /// <summary>Changed pixels outside the allowed area that are tolerated as rendering noise.</summary>
    public const int OutsideNoisePixels = 64;

    /// <summary>Changes outside may be at most this share of the changes inside.</summary>
    public const double OutsideShareOfInside = 0.2;

    /// <summary>Margin of the close-up around the region, in CSS pixels.</summary>
    public const int CloseUpMargin = 24;

    /// <summary>One lock per edited file (by its real path), held while an edit of it is saved.</summary>
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _fileLocks = new(StringComparer.Ordinal);

    public async Task<LocateAndEditResult> RunAsync(LocateAndEditRequest request, IChatClient chat, IProgress<WorkflowProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        if (request.Url is not null)
            return await RunOnDevServerAsync(request, chat, progress, cancellationToken).ConfigureAwait(false);
        const int steps = 5;
        var (code, stack, width, height, scale, session, basedOn) = await SourceAsync(request, cancellationToken).ConfigureAwait(false);
        var tagged = HtmlSourceTagger.Tag(code);
        if (tagged.Elements.Count == 0)
            throw new UserInputException("The page has no HTML elements to edit (no body content was found in its source).");
        var project = request.Path is { } file ? new ProjectFiles(file, request.Roots ?? new AllowedRoots([Path.GetDirectoryName(file)!])) : null;

        progress?.Report(new WorkflowProgress("render", 1, 1, 0, steps, "Rendering the current page with its elements tagged"));
        PixelRect? given = request.Region;
        // A page with stylesheet files: the measuring render also reads the matched rules of the element the region picks.
        Func<PageLayout, string?>? RulesOf(PixelRect r) => project is null ? null : layout =>
            layout.StyleSheets.Count == 0 ? null : ElementHitTester.Rank(r.ClipTo(layout.Width, layout.Height), layout, tagged).FirstOrDefault()?.Element.Span;
        var before = await probe.MeasureAsync(Page(project, stack, tagged.Html, null), width, height, scale, given is { } g ? Centre(g) : null,
            given is { } rg ? RulesOf(rg) : null, cancellationToken).ConfigureAwait(false);
        if (project is not null)
            await project.LoadAsync(before, cancellationToken).ConfigureAwait(false);
        var beforeImage = decoder.Decode(before.Png, "render");

        progress?.Report(new WorkflowProgress("locate", 1, 1, 1, steps, "Finding the marked element"));
        var (region, located) = await LocateAsync(request, before, beforeImage, chat, cancellationToken).ConfigureAwait(false);
        if (given is null)
        {
            var focused = await probe.MeasureAsync(Page(project, stack, tagged.Html, null), width, height, scale, Centre(region), RulesOf(region), cancellationToken).ConfigureAwait(false);
            before = before with { StackAtFocus = focused.StackAtFocus, Rules = focused.Rules, RulesFor = focused.RulesFor };
        }
        var candidates = ElementHitTester.Rank(region, before, tagged);
        if (candidates.Count == 0)
            throw new UserInputException(
                $"Nothing of the page is drawn in the region x={region.X} y={region.Y} width={region.Width} height={region.Height}. Mark an element that is visible in the render.");
        var chosen = candidates[0];
        var snippet = chosen.Element.TextOf(code);

        IReadOnlyList<ShownRule> rules = [];
        if (project is { Sheets.Count: > 0 })
        {
            var matched = before.RulesFor == chosen.Element.Span ? before.Rules
                : (await probe.MeasureAsync(Page(project, stack, tagged.Html, null), width, height, scale, null, _ => chosen.Element.Span, cancellationToken).ConfigureAwait(false)).Rules;
            rules = await project.ShowAsync(matched, cancellationToken).ConfigureAwait(false);
        }
        var closeUp = ImageEncoder.EncodePng(Crop(beforeImage, Expand(region, (int)Math.Ceiling(CloseUpMargin * scale), beforeImage)));
        var messages = project is { Sheets.Count: > 0 }
            ? LocateAndEditPrompts.EditInProject(before.Png, closeUp, region, chosen.Element.Tag, snippet, project.NameOf(project.HtmlPath), rules, request.Instruction)
            : LocateAndEditPrompts.Edit(before.Png, closeUp, region, chosen.Element.Tag, snippet, request.Instruction);
        Attempt? last = null;
        var attempts = 0;
        for (attempts = 1; attempts <= MaxAttempts; attempts++)
        {
            progress?.Report(new WorkflowProgress("edit", attempts, MaxAttempts, 2, steps, $"Attempt {attempts}: the model rewrites the <{chosen.Element.Tag}>"));
            var answer = (await chat.GetResponseAsync(messages, null, cancellationToken).ConfigureAwait(false)).Text ?? string.Empty;
            progress?.Report(new WorkflowProgress("verify", attempts, MaxAttempts, 3, steps, $"Attempt {attempts}: re-rendering and comparing"));
            last = await TryAsync(project, stack, code, chosen, rules, answer, region, width, height, scale, beforeImage, cancellationToken).ConfigureAwait(false);
            if (last.Reason is null)
                break;
            if (attempts < MaxAttempts)
                LocateAndEditPrompts.AddRetry(messages, answer, last.Reason, last.AfterPng, last.DiffPng, last.Outside, last.Outside.Count > 0 ? last.ChangedRules : [],
                    project is { Sheets.Count: > 0 } ? LocateAndEditPrompts.ProjectFences : LocateAndEditPrompts.OneFence("html"));
        }
        attempts = Math.Min(attempts, MaxAttempts);

        var name = project is null ? SessionUris.CodeFile : project.NameOf(project.HtmlPath);
        var finalCode = last!.Code;
        var afterPng = last.AfterPng;
        var patch = finalCode is null ? string.Empty : Patch(project, code, finalCode, last.Css);
        var files = finalCode is null || project is null ? null : ChangedFiles(project, code, finalCode, last.Css);
        string? sessionId = session;
        int? version = null;
        int? parent = null;
        string? written = null;
        var accepted = last.Reason is null;
        if (accepted && !request.DryRun)
        {
            progress?.Report(new WorkflowProgress("save", 1, 1, 4, steps, "Saving the new version"));
            var saved = project is not null
                ? await SaveFilesAsync(request, project, code, chosen.Element, last, before.Png, width, height, scale, cancellationToken).ConfigureAwait(false)
                : await SaveAsync(request, stack, session, basedOn, code, null, chosen.Element, last, before.Png, width, height, scale, [], cancellationToken).ConfigureAwait(false);
            (sessionId, basedOn, version, parent) = (saved.SessionId, saved.BasedOn, saved.Version, saved.Parent);
            if (saved.Parent != saved.BasedOn || !string.Equals(saved.Code, finalCode, StringComparison.Ordinal))
            {
                finalCode = saved.Code;
                afterPng = saved.RenderPng;
                patch = Patch(project, saved.ParentCode, saved.Code, last.Css);
            }
            written = request.Path;
        }
        return new LocateAndEditResult(accepted, last.Reason, patch, finalCode, before.Png, afterPng, last.DiffPng, region, located,
            chosen.Element.Tag, snippet, last.Inside, last.OutsidePixels, last.Changed, attempts, sessionId, version, written,
            version is null ? null : basedOn, parent, project is { Sheets.Count: > 0 } ? rules : null, files);
    }

    /// <summary>
    /// What the probe renders: a session's page as text, made renderable for its stack (a tailwind page gets the
    /// Tailwind build, as screenshot_to_code rendered it), or the file with its stylesheets.
    /// </summary>
    private static ProbePage Page(ProjectFiles? project, string stack, string taggedHtml, IReadOnlyDictionary<string, string>? css)
    {
        if (project is null)
            return ProbePage.Text(PageStackInjector.ForRender(taggedHtml, stack));
        var files = new Dictionary<string, string>(StringComparer.Ordinal) { [project.HtmlPath] = taggedHtml };
        foreach (var (path, text) in css ?? new Dictionary<string, string>())
            files[path] = text;
        return ProbePage.File(project.HtmlPath, project.Roots, files);
    }

    /// <summary>One unified diff over every file the edit changes: the page, then its stylesheets, named relative to the page's folder.</summary>
    private static string Patch(ProjectFiles? project, string code, string newCode, IReadOnlyDictionary<string, string> css)
    {
        if (project is null)
            return UnifiedDiff.Create(code, newCode, "a/" + SessionUris.CodeFile, "b/" + SessionUris.CodeFile);
        var patch = new StringBuilder();
        var html = project.NameOf(project.HtmlPath);
        if (!string.Equals(code, newCode, StringComparison.Ordinal))
            patch.Append(UnifiedDiff.Create(code, newCode, "a/" + html, "b/" + html));
        foreach (var (path, text) in css.OrderBy(p => project.NameOf(p.Key), StringComparer.Ordinal))
        {
            var sheet = project.NameOf(path);
            patch.Append(UnifiedDiff.Create(project.Sheets[path], text, "a/" + sheet, "b/" + sheet));
        }
        return patch.ToString();
    }

    private static List<string> ChangedFiles(ProjectFiles project, string code, string newCode, IReadOnlyDictionary<string, string> css)
    {
        var files = new List<string>();
        if (!string.Equals(code, newCode, StringComparison.Ordinal))
            files.Add(project.NameOf(project.HtmlPath));
        files.AddRange(css.Keys.Select(project.NameOf).Order(StringComparer.Ordinal));
        return files;
    }

    private async Task<(string Code, string Stack, int Width, int Height, double Scale, string? Session, int? Version)> SourceAsync(LocateAndEditRequest request, CancellationToken cancellationToken)
    {
        if (request.SessionId is { Length: > 0 } id)
        {
            var info = await sessions.GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (info.Current == 0)
                throw new UserInputException($"Session {id} has no code yet; run screenshot_to_code first.");
            if (!PageStacks.IsHtmlSource(info.Stack))
                throw new UserInputException($"Session {id} holds a {info.Stack} component ({PageStacks.FileName(info.Stack)}), and locate_and_edit edits HTML pages " +
                                             "(stack html or tailwind): refine the component with screenshot_to_code and instructions, or write it out with output_dir " +
                                             "and edit the running app with locate_and_edit url.");
            var code = await sessions.ReadCodeAsync(id, info.Current, cancellationToken).ConfigureAwait(false);
            return (code, info.Stack, info.Width, info.Height, info.DeviceScaleFactor, id, info.Current);
        }
        var text = await VerifiedFile.ReadAllTextAsync(request.Path!, "path", cancellationToken).ConfigureAwait(false);
        return (text, PageStacks.Html, request.Width, request.Height, request.DeviceScaleFactor, null, null);
    }

    private async Task<(PixelRect Region, string Located)> LocateAsync(LocateAndEditRequest request, PageLayout before, RgbaImage beforeImage, IChatClient chat, CancellationToken cancellationToken)
    {
        if (request.Region is { } r)
        {
            var clipped = r.ClipTo(before.Width, before.Height);
            if (clipped.IsEmpty)
                throw new UserInputException(
                    $"'region' x={r.X} y={r.Y} width={r.Width} height={r.Height} lies outside the {before.Width}×{before.Height} screenshot of the page. " +
                    "Give it in the pixels of the page's render (the render this tool or screenshot_to_code returned).");
            return (clipped, "region");
        }
        if (request.AnnotatedImage is { } annotated)
        {
            var mark = AnnotationMarkFinder.Find(annotated, beforeImage);
            return (mark.Region, $"annotation ({mark.Shape.ToString().ToLowerInvariant()})");
        }
        var answer = (await chat.GetResponseAsync(LocateAndEditPrompts.Ground(before.Png, request.Target!), null, cancellationToken).ConfigureAwait(false)).Text ?? string.Empty;
        var boxes = reader.ReadBoxes(answer, before.Width, before.Height).Where(b => !b.IsPoint && !b.Box.IsEmpty).Select(b => b.Box).ToList();
        if (boxes.Count == 0)
        {
            var said = reader.VisibleText(answer);
            throw new UserInputException(
                $"The model could not locate \"{request.Target}\" in the page (it answered: \"{(said.Length > 120 ? said[..120] + "…" : said)}\"). " +
                "Pass 'region', or draw on a screenshot and pass 'annotated_image'.");
        }
        return (boxes[0], "target");
    }

    private async Task<Attempt> TryAsync(ProjectFiles? project, string stack, string code, HitCandidate chosen, IReadOnlyList<ShownRule> rules, string answer, PixelRect region,
        int width, int height, double scale, RgbaImage beforeImage, CancellationToken cancellationToken)
    {
        var parsed = EditAnswer.Parse(reader.VisibleText(answer));
        var rewritten = parsed.Html ?? (parsed.Css.Count == 0 ? ExtractSnippet(answer) : null);
        if (rewritten is null && parsed.Css.Count == 0)
            return Attempt.Failed(project is { Sheets.Count: > 0 }
                ? "the answer held no code. Reply with the rewritten element in a ```html fence and/or rules in a ```css FILE fence."
                : "the answer held no code. Reply with the rewritten element in one ```html fence.");
        var element = chosen.Element;
        var wholeFile = rewritten is not null && LooksLikeDocument(rewritten) && !LooksLikeDocument(element.TextOf(code));
        var newCode = rewritten is null ? code : wholeFile ? rewritten : string.Concat(code.AsSpan(0, element.Start), rewritten, code.AsSpan(element.End));
        var replacement = wholeFile ? null : rewritten ?? element.TextOf(code);

        var css = new Dictionary<string, string>(StringComparer.Ordinal);
        var changedRules = new List<string>();
        foreach (var (label, body) in parsed.Css)
        {
            if (project is null || project.Sheets.Count == 0)
                return Attempt.Failed($"the answer changes the stylesheet '{label}', but this page has no stylesheet files; put the change in the element's HTML (```html fence).");
            var sheet = project.Find(label);
            if (sheet is null)
                return Attempt.Failed($"the answer changes '{label}', which is not a stylesheet this page loads; name one of: {string.Join(", ", project.Sheets.Keys.Select(project.NameOf))}.");
            var current = css.GetValueOrDefault(sheet) ?? project.Sheets[sheet];
            var lines = rules.Where(r => r.Editable && project.Find(r.File) == sheet).Select(r => r.Line).ToHashSet();
            var existing = CssRuleSplicer.Rules(project.Sheets[sheet]).Where(r => !r.IsAtRule).Select(r => r.Selector).ToHashSet(StringComparer.Ordinal);
            changedRules.AddRange(CssRuleSplicer.Rules(body).Where(r => r.Depth == 0 && existing.Contains(r.Selector)).Select(r => $"{r.Selector} ({project.NameOf(sheet)})"));
            css[sheet] = CssRuleSplicer.Apply(current, body, lines);
        }
        foreach (var unchanged in css.Where(p => string.Equals(p.Value, project!.Sheets[p.Key], StringComparison.Ordinal)).Select(p => p.Key).ToList())
            css.Remove(unchanged);
        if (string.Equals(newCode, code, StringComparison.Ordinal) && css.Count == 0)
            return Attempt.Failed(parsed.Css.Count > 0 ? "the answer leaves the element and its stylesheets exactly as they were." : "the rewritten element is identical to the original.");

        var tagged = HtmlSourceTagger.Tag(newCode);
        var after = await probe.MeasureAsync(Page(project, stack, tagged.Html, css), width, height, scale, null, null, cancellationToken).ConfigureAwait(false);
        var afterImage = decoder.Decode(after.Png, "render");
        var full = differ.Diff(beforeImage, afterImage, new VisualDiffOptions { SizeMismatch = SizeMismatchMode.Pad, DiffImage = DiffImageKind.Overlay });

        // The allowed area: the region, plus where the element was and where its rewrite landed (moving or resizing it is the point).
        var allowed = Union(region, chosen.Box);
        var edited = wholeFile ? null : tagged.Elements.FirstOrDefault(e => e.Start == element.Start);
        var newBox = edited is null ? null : after.Boxes.FirstOrDefault(b => b.Span == edited.Span && b.Visible);
        if (newBox is not null && !newBox.Box.IsEmpty)
            allowed = Union(allowed, newBox.Box);
        allowed = Expand(allowed, (int)Math.Ceiling(AllowedMargin * scale), beforeImage);
        var outside = differ.Diff(beforeImage, afterImage, new VisualDiffOptions
        {
            SizeMismatch = SizeMismatchMode.Pad,
            DiffImage = DiffImageKind.None,
            IgnoreRegions = [allowed],
        });
        var inside = full.DiffPixels - outside.DiffPixels;
        string? reason = null;
        if (full.DiffPixels == 0)
            reason = "the page looks exactly as before; the edit made no visible change.";
        else if (outside.DiffPixels > Math.Max(OutsideNoisePixels, inside * OutsideShareOfInside))
            reason = $"{outside.DiffPixels} pixels changed outside the marked area (against {inside} inside it)." + (changedRules.Count == 0 ? "" :
                $" The changed rule{(changedRules.Count == 1 ? "" : "s")} {string.Join(", ", changedRules)} also style{(changedRules.Count == 1 ? "s" : "")} " +
                "other elements; scope the change to this element (a new class on it and a rule for that class), or change its HTML only.");
        else if (inside == 0)
            reason = "nothing changed inside the marked area.";
        return new Attempt(newCode, replacement, after.Png, full.DiffPng, inside, outside.DiffPixels, full.Regions, outside.Regions, reason, css, changedRules);
    }

    private string? ExtractSnippet(string answer)
    {
        var code = reader.ExtractCode(answer)?.Code;
        if (!string.IsNullOrWhiteSpace(code))
            return code.Trim();
        var visible = reader.VisibleText(answer).Trim();
        return visible.StartsWith('<') && visible.EndsWith('>') ? visible : null;
    }

    /// <summary>
    /// Saves an edit of a page's files: under the locks of every file it writes (one edit of a file saves at a time in
    /// this process, taken in path order), the files are read again and the page's session found or started from what
    /// is on disk now. The HTML edit is applied to the page as it is — respliced when the page changed since the edit
    /// read it, refused when the edited element itself changed — and a stylesheet the edit changes must be exactly as
    /// the edit read it, else nothing is written. Parallel edits of different elements of one page all land.
    /// </summary>
    private async Task<Saved> SaveFilesAsync(LocateAndEditRequest request, ProjectFiles project, string code, SourceElement element,
        Attempt edit, byte[] beforePng, int width, int height, double scale, CancellationToken cancellationToken)
    {
        var paths = edit.Css.Keys.Append(project.HtmlPath).Distinct().Order(StringComparer.Ordinal).ToList();
        var held = new List<SemaphoreSlim>();
        try
        {
            foreach (var path in paths)
            {
                var gate = _fileLocks.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                held.Add(gate);
            }
            var changes = new List<SessionFileChange>();
            foreach (var (path, text) in edit.Css.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var now = await VerifiedFile.ReadAllTextAsync(path, "path", cancellationToken).ConfigureAwait(false);
                if (!string.Equals(now, project.Sheets[path], StringComparison.Ordinal))
                    throw new UserInputException($"{project.NameOf(path)} changed on disk since this edit read it; nothing was written. Run the edit again on the files as they are now.");
                changes.Add(new SessionFileChange(path, now, text));
            }
            var onDisk = await VerifiedFile.ReadAllTextAsync(project.HtmlPath, "path", cancellationToken).ConfigureAwait(false);
            var saved = await SaveAsync(request, PageStacks.Html, null, null, code, onDisk, element, edit, beforePng, width, height, scale, changes, cancellationToken).ConfigureAwait(false);
            if (!string.Equals(saved.Code, onDisk, StringComparison.Ordinal))
                await VerifiedFile.WriteAsync(project.HtmlPath, Encoding.UTF8.GetBytes(saved.Code), "path", cancellationToken).ConfigureAwait(false);
            foreach (var change in changes)
                await VerifiedFile.WriteAsync(change.Path, Encoding.UTF8.GetBytes(change.After), "path", cancellationToken).ConfigureAwait(false);
            return saved;
        }
        finally
        {
            foreach (var gate in held)
                gate.Release();
        }
    }

    /// <summary>
    /// Saves the edit as a new version of the session (of a session opened from the file, found or created, for a
    /// path). Under the session's lock: when the head is still the code the edit was made from, the edit is saved as
    /// it is; when another change landed meanwhile, the element's rewrite is spliced onto the head (and re-rendered)
    /// if the element is still there unchanged, otherwise nothing is saved and the caller is told to retry. For a path
    /// the version records the files it writes (<paramref name="sheets"/> and the page), so undo can write them back.
    /// </summary>
    private async Task<Saved> SaveAsync(LocateAndEditRequest request, string stack, string? session, int? madeFrom, string code, string? onDisk, SourceElement element,
        Attempt edit, byte[] beforePng, int width, int height, double scale, IReadOnlyList<SessionFileChange> sheets, CancellationToken cancellationToken)
    {
        List<SessionFileChange>? Files(string head, string saved) => request.Path is not { } page ? null :
            [.. string.Equals(head, saved, StringComparison.Ordinal) ? [] : new[] { new SessionFileChange(page, head, saved) }, .. sheets];
        var id = session;
        var basedOn = madeFrom ?? 0;
        if (id is null)
        {
            // The file's session is the one whose current code is the file as it is now.
            var now = onDisk ?? code;
            (id, basedOn) = await FindFileSessionAsync(request.Path!, now, cancellationToken).ConfigureAwait(false);
            if (id is null)
            {
                id = (await sessions.CreateAsync(new NewSession(width, height, scale, "html", request.Path), cancellationToken).ConfigureAwait(false)).Id;
                basedOn = (await sessions.AddVersionAsync(id, new NewSessionVersion(now, now == code ? beforePng : null, "import", request.Path, null), cancellationToken).ConfigureAwait(false)).Number;
            }
        }
        var (savedCode, savedPng, parentCode) = (edit.Code!, edit.AfterPng, code);
        var version = await sessions.UpdateAsync(id, async (head, token) =>
        {
            parentCode = head.Code;
            if ((session is not null && head.Version == basedOn) || string.Equals(head.Code, code, StringComparison.Ordinal))
                return new NewSessionVersion(edit.Code!, edit.AfterPng, "edit", request.Instruction, null, Files(head.Code, edit.Code!));
            savedCode = Resplice(code, element, edit.Replacement, head.Code) ?? throw new UserInputException(session is null
                ? $"{request.Path} changed on disk since this edit read it, and the <{element.Tag}> the edit rewrote is not there unchanged any " +
                  "more; the file was left as it is. Run the edit again on the file as it is now."
                : $"Session {id} changed since version {basedOn}, which this edit was made from (it is now at version {head.Version}), and the " +
                  $"<{element.Tag}> the edit rewrote is not there unchanged any more; nothing was saved. Retry the edit on version {head.Version}.");
            savedPng = (await probe.MeasureAsync(Page(request.Path is { } page ? new ProjectFiles(page, request.Roots ?? new AllowedRoots([Path.GetDirectoryName(page)!])) : null,
                stack, HtmlSourceTagger.Tag(savedCode).Html, edit.Css), width, height, scale, null, null, token).ConfigureAwait(false)).Png;
            return new NewSessionVersion(savedCode, savedPng, "edit", request.Instruction, null, Files(head.Code, savedCode));
        }, cancellationToken).ConfigureAwait(false);
        return new Saved(id, basedOn, version.Number, version.Parent, savedCode, savedPng, parentCode);
    }

    /// <summary>
    /// The element's rewrite applied to <paramref name="head"/>, code that changed since the edit was made from
    /// <paramref name="code"/>: the element must be in the head with its source text unchanged, and as many elements
    /// with that same text must be there as before (the element is then the one at the same position among them).
    /// Null when it is not there unchanged, or the edit rewrote the whole document.
    /// </summary>
    private static string? Resplice(string code, SourceElement element, string? replacement, string head)
    {
        if (replacement is null)
            return null;
        var text = element.TextOf(code);
        var before = HtmlSourceTagger.Tag(code).Elements.Where(e => e.Tag == element.Tag && e.TextOf(code) == text).ToList();
        var now = HtmlSourceTagger.Tag(head).Elements.Where(e => e.Tag == element.Tag && e.TextOf(head) == text).ToList();
        var index = before.FindIndex(e => e.Start == element.Start);
        if (index < 0 || now.Count != before.Count)
            return null;
        var at = now[index];
        return string.Concat(head.AsSpan(0, at.Start), replacement, head.AsSpan(at.End));
    }

    /// <summary>A session opened from this file whose current code is still the file's text: edits by path continue it.</summary>
    private async Task<(string? Id, int Version)> FindFileSessionAsync(string path, string code, CancellationToken cancellationToken)
    {
        foreach (var info in await sessions.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (info.SourcePath == path && info.Current > 0 && await CurrentCodeOrNullAsync(info, cancellationToken).ConfigureAwait(false) == code)
                return (info.Id, info.Current);
        }
        return (null, 0);
    }

    /// <summary>The session's current code; null when its current version is damaged (the edit then starts a new session).</summary>
    private async Task<string?> CurrentCodeOrNullAsync(SessionInfo info, CancellationToken cancellationToken)
    {
        try
        {
            return await sessions.ReadCodeAsync(info.Id, info.Current, cancellationToken).ConfigureAwait(false);
        }
        catch (UserInputException)
        {
            return null;
        }
    }

    private static bool LooksLikeDocument(string html) =>
        html.Contains("<html", StringComparison.OrdinalIgnoreCase) || html.Contains("<!doctype", StringComparison.OrdinalIgnoreCase);

    private static (int X, int Y) Centre(PixelRect r) => (r.X + r.Width / 2, r.Y + r.Height / 2);

    private static PixelRect Union(PixelRect a, PixelRect b)
    {
        var x = Math.Min(a.X, b.X);
        var y = Math.Min(a.Y, b.Y);
        return new PixelRect(x, y, Math.Max(a.Right, b.Right) - x, Math.Max(a.Bottom, b.Bottom) - y);
    }

    private static PixelRect Expand(PixelRect r, int margin, RgbaImage image) =>
        new PixelRect(r.X - margin, r.Y - margin, r.Width + 2 * margin, r.Height + 2 * margin).ClipTo(image.Width, image.Height);

    private static RgbaImage Crop(RgbaImage image, PixelRect r)
    {
        var crop = RgbaImage.CreateTransparent(r.Width, r.Height);
        for (var y = 0; y < r.Height; y++)
            image.Pixels.AsSpan((r.Y + y) * image.Stride + r.X * RgbaImage.BytesPerPixel, r.Width * RgbaImage.BytesPerPixel).CopyTo(crop.Row(y));
        return crop;
    }

    /// <param name="Replacement">The element's new source spliced into the code; null when the model rewrote the whole document.</param>
    /// <param name="Css">The stylesheets the edit changes: real path → new text.</param>
    /// <param name="ChangedRules">Existing stylesheet rules the answer replaced ("selector (file)").</param>
    private sealed record Attempt(string? Code, string? Replacement, byte[]? AfterPng, byte[]? DiffPng, long Inside, long OutsidePixels,
        IReadOnlyList<DiffRegion> Changed, IReadOnlyList<DiffRegion> Outside, string? Reason, IReadOnlyDictionary<string, string> Css,
        IReadOnlyList<string> ChangedRules)
    {
        public static Attempt Failed(string reason) => new(null, null, null, null, 0, 0, [], [], reason, new Dictionary<string, string>(), []);
    }

    /// <summary>What was saved: <see cref="Parent"/> differs from <see cref="BasedOn"/> when the edit was re-applied onto a newer head.</summary>
    private sealed record Saved(string SessionId, int BasedOn, int Version, int Parent, string Code, byte[]? RenderPng, string ParentCode);
}
