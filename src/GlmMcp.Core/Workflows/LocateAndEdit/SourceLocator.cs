using System.Globalization;
using System.Text.RegularExpressions;
using GlmMcp.Core.Security;

namespace GlmMcp.Core.Workflows.LocateAndEdit;

/// <summary>
/// Maps an element of a dev server's page to where it is written, under the roots. In order: the position the
/// framework's development build gives (React ≤18's <c>_debugSource</c>, Svelte's <c>__svelte_meta</c>); React 19's
/// <c>_debugStack</c> frame, read back through the dev server's served module (the JSX dev transform's
/// <c>{fileName, lineNumber, columnNumber}</c> argument of that <c>jsxDEV</c> call); Vue's component file
/// (<c>__file</c>) searched for the element; and, when none of these leads to a file under the roots, a ranked
/// search of the roots' source files for the element's id, classes and text.
/// </summary>
public sealed partial class SourceLocator(HttpClient http)
{
    /// <summary>Source files the search reads at most, and the largest it reads.</summary>
    public const int MaxSearchedFiles = 5000;

    public const long MaxSearchedBytes = 1 << 20;

    private static readonly HashSet<string> SourceExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".jsx", ".tsx", ".js", ".ts", ".mjs", ".vue", ".svelte", ".html", ".htm", ".astro",
    };

    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal)
    {
        "node_modules", "dist", "build", "out", "coverage", "bower_components", "vendor",
    };

    public async Task<SourceLocation> LocateAsync(DomElement element, Uri page, AllowedRoots roots, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(element);
        ArgumentNullException.ThrowIfNull(roots);
        if (element.Hint is { } hint)
        {
            var found = hint switch
            {
                { File: { } file, Line: > 0 } => await AtAsync(roots, file, hint.Line, hint.Column, element.Tag, hint.How, cancellationToken).ConfigureAwait(false),
                { Url: { } url, Line: > 0 } => await FromStackAsync(roots, page, url, hint, element.Tag, cancellationToken).ConfigureAwait(false),
                { File: { } file } => await InFileAsync(roots, file, element, hint.How + ", element found in its template", cancellationToken).ConfigureAwait(false),
                _ => null,
            };
            if (found is not null)
                return found;
        }
        return await SearchAsync(roots, element, cancellationToken).ConfigureAwait(false)
            ?? throw new UserInputException(
                $"Could not find where the marked <{element.Tag}>{Describe(element)} is written: the page's development build gives no source position " +
                "for it under the allowed roots, and no source file under the roots holds an element with its id, classes or text. Make the project's " +
                "folder an allowed root (and run the dev server in development mode), or edit the file by path.");
    }

    private static string Describe(DomElement e) =>
        (e.Id is { Length: > 0 } id ? $" #{id}" : "") + (e.Text.Length > 0 ? $" \"{(e.Text.Length > 40 ? e.Text[..40] + "…" : e.Text)}\"" : "");

    /// <summary>The element at a 1-based line and column of a file: the start tag there, or else the first start tag of that name on that line.</summary>
    private static async Task<SourceLocation?> AtAsync(AllowedRoots roots, string file, int line, int column, string tag, string how, CancellationToken cancellationToken)
    {
        var (path, text) = await ReadAsync(roots, file, cancellationToken).ConfigureAwait(false);
        if (path is null)
            return null;
        var lineStart = LineStart(text!, line);
        if (lineStart < 0)
            return null;
        var at = lineStart + Math.Max(0, column - 1);
        if (MarkupElementSpan.NameAt(text!, at) is null)
        {
            var lineEnd = text!.IndexOf('\n', lineStart);
            var onLine = text[lineStart..(lineEnd < 0 ? text.Length : lineEnd)];
            var index = Regex.Match(onLine, "<" + Regex.Escape(tag) + @"(?![\w.:-])", RegexOptions.IgnoreCase);
            if (!index.Success)
                return null;
            at = lineStart + index.Index;
        }
        var end = MarkupElementSpan.End(text!, at);
        return end < 0 ? null : new SourceLocation(path, at, end, line, how);
    }

    /// <summary>React 19: the stack frame's position in the served module leads to the <c>jsxDEV</c> call there, whose last argument names the source.</summary>
    private async Task<SourceLocation?> FromStackAsync(AllowedRoots roots, Uri page, string url, SourceHint hint, string tag, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var module) || module.Scheme != page.Scheme || module.Authority != page.Authority)
            return null;
        string served;
        try
        {
            served = await http.GetStringAsync(module, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return null;
        }
        var lineStart = LineStart(served, hint.Line);
        if (lineStart < 0)
            return null;
        var call = served.IndexOf('(', lineStart + Math.Max(0, hint.Column - 1));
        if (call < 0)
            return null;
        var args = served[call..BalancedEnd(served, call)];
        var source = DevSource().Matches(args).LastOrDefault();
        if (source is null)
            return null;
        var file = Regex.Unescape(source.Groups["file"].Value);
        return await AtAsync(roots, file, int.Parse(source.Groups["line"].Value, CultureInfo.InvariantCulture),
            int.Parse(source.Groups["column"].Value, CultureInfo.InvariantCulture), tag, hint.How + " → jsxDEV source", cancellationToken).ConfigureAwait(false);
    }

    private static async Task<SourceLocation?> InFileAsync(AllowedRoots roots, string file, DomElement element, string how, CancellationToken cancellationToken)
    {
        var (path, text) = await ReadAsync(roots, file, cancellationToken).ConfigureAwait(false);
        if (path is null)
            return null;
        var best = Candidates(text!, element).MaxBy(c => c.Score);
        return best.Score > 0 ? new SourceLocation(path, best.Start, best.End, LineOf(text!, best.Start), how) : null;
    }

    /// <summary>The fallback: every source file under the roots, each element of the marked tag scored by id, classes and text; the best wins.</summary>
    private static async Task<SourceLocation?> SearchAsync(AllowedRoots roots, DomElement element, CancellationToken cancellationToken)
    {
        (string Path, string Text, int Start, int End, int Score)? best = null;
        var seen = 0;
        foreach (var file in roots.Roots.SelectMany(SourceFiles))
        {
            if (++seen > MaxSearchedFiles)
                break;
            var (path, text) = await ReadAsync(roots, file, cancellationToken).ConfigureAwait(false);
            if (path is null)
                continue;
            foreach (var (start, end, score) in Candidates(text!, element))
            {
                if (score > 0 && (best is null || score > best.Value.Score))
                    best = (path, text!, start, end, score);
            }
        }
        return best is { } b
            ? new SourceLocation(b.Path, b.Start, b.End, LineOf(b.Text, b.Start), string.Create(CultureInfo.InvariantCulture, $"search of the roots (score {b.Score})"))
            : null;
    }

    private static IEnumerable<string> SourceFiles(string root)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        var folders = new Stack<string>();
        folders.Push(root);
        while (folders.Count > 0)
        {
            var folder = folders.Pop();
            foreach (var file in Directory.EnumerateFiles(folder, "*", options).Order(StringComparer.Ordinal))
            {
                if (SourceExtensions.Contains(Path.GetExtension(file)) && new FileInfo(file).Length <= MaxSearchedBytes)
                    yield return file;
            }
            foreach (var sub in Directory.EnumerateDirectories(folder, "*", options).OrderDescending(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(sub);
                if (!name.StartsWith('.') && !SkippedFolders.Contains(name))
                    folders.Push(sub);
            }
        }
    }

    /// <summary>Every element of the marked tag in <paramref name="text"/>, scored: the id 6, each class 2, the text 6 when it is the element's whole text (3 when it is in it).</summary>
    private static IEnumerable<(int Start, int End, int Score)> Candidates(string text, DomElement element)
    {
        var classes = (element.Classes ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var wanted = Normalize(element.Text);
        foreach (Match m in Regex.Matches(text, "<" + Regex.Escape(element.Tag) + @"(?![\w.:-])", RegexOptions.IgnoreCase))
        {
            var end = MarkupElementSpan.End(text, m.Index);
            if (end < 0)
                continue;
            var span = text[m.Index..end];
            var startTag = span[..Math.Max(1, span.IndexOf('>') + 1)];
            var score = 0;
            if (element.Id is { Length: > 0 } id && Regex.IsMatch(startTag, @"\bid\s*=\s*[""'{]*" + Regex.Escape(id) + @"[""'}]"))
                score += 6;
            score += 2 * classes.Count(c => Regex.IsMatch(startTag, @"(?<![\w-])" + Regex.Escape(c) + @"(?![\w-])"));
            if (wanted.Length > 0)
            {
                var inner = Normalize(Regex.Replace(span, @"<[^>]*>|\{[^{}]*\}", " "));
                score += inner == wanted ? 6 : inner.Contains(wanted, StringComparison.Ordinal) || (inner.Length > 2 && wanted.Contains(inner, StringComparison.Ordinal)) ? 3 : 0;
            }
            yield return (m.Index, end, score);
        }
    }

    private static string Normalize(string text) => Regex.Replace(text, @"\s+", " ").Trim();

    /// <summary>The real path and text of a source file under the roots; (null, null) when it is not under them, missing, or in node_modules.</summary>
    /// <summary>
    /// Reads a source file the page names, under the roots and outside node_modules. A relative name (Svelte's
    /// <c>__svelte_meta</c> gives the file relative to the Vite project) is tried under each root in turn.
    /// </summary>
    private static async Task<(string? Path, string? Text)> ReadAsync(AllowedRoots roots, string file, CancellationToken cancellationToken)
    {
        if (Path.IsPathFullyQualified(file))
            return await ReadUnderRootsAsync(roots, file, cancellationToken).ConfigureAwait(false);
        if (Path.IsPathRooted(file))
            return (null, null);
        foreach (var root in roots.Roots)
        {
            var found = await ReadUnderRootsAsync(roots, Path.GetFullPath(Path.Join(root, file)), cancellationToken).ConfigureAwait(false);
            if (found.Path is not null)
                return found;
        }
        return (null, null);
    }

    private static async Task<(string? Path, string? Text)> ReadUnderRootsAsync(AllowedRoots roots, string file, CancellationToken cancellationToken)
    {
        try
        {
            var path = roots.ResolveExistingFile(file, "source");
            if (path.Contains($"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                return (null, null);
            return (path, await VerifiedFile.ReadAllTextAsync(path, "source", cancellationToken).ConfigureAwait(false));
        }
        catch (UserInputException)
        {
            return (null, null);
        }
    }

    private static int LineStart(string text, int line)
    {
        var at = 0;
        for (var l = 1; l < line; l++)
        {
            at = text.IndexOf('\n', at);
            if (at < 0)
                return -1;
            at++;
        }
        return at;
    }

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    /// <summary>The index after the <c>)</c> that balances the <c>(</c> at <paramref name="open"/>, strings skipped.</summary>
    private static int BalancedEnd(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '"' or '\'' or '`')
            {
                var j = i + 1;
                while (j < text.Length && text[j] != c)
                    j += text[j] == '\\' ? 2 : 1;
                i = j;
            }
            else if (c is '(' or '[' or '{')
                depth++;
            else if (c is ')' or ']' or '}' && --depth == 0)
                return i + 1;
        }
        return text.Length;
    }

    [GeneratedRegex(@"fileName:\s*""(?<file>(?:[^""\\]|\\.)*)"",\s*lineNumber:\s*(?<line>\d+),\s*columnNumber:\s*(?<column>\d+)")]
    private static partial Regex DevSource();
}
