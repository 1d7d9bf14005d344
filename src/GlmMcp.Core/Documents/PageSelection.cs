using System.Globalization;

namespace GlmMcp.Core.Documents;

/// <summary>Reads a page selection such as <c>"1-5,9"</c>: 1-based pages and inclusive ranges, in the order given.</summary>
public static class PageSelection
{
    /// <summary>
    /// The pages <paramref name="text"/> selects (every page when it is empty), each once, in the order given.
    /// </summary>
    /// <exception cref="UserInputException">Not a selection, a page the document lacks, or more than <paramref name="maxPages"/>.</exception>
    public static IReadOnlyList<int> Parse(string? text, int pageCount, int maxPages)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (pageCount > maxPages)
                throw new UserInputException(
                    $"The PDF has {pageCount:N0} pages; one call reads at most {maxPages} ({DocumentOptions.Section}:MaxPages). " +
                    $"Pass 'pages', e.g. \"1-{maxPages}\", and ask about the rest in further calls.");
            return Enumerable.Range(1, pageCount).ToArray();
        }
        var pages = new List<int>();
        var seen = new HashSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            var first = Page(dash < 0 ? part : part[..dash], text, pageCount);
            var last = dash < 0 ? first : Page(part[(dash + 1)..], text, pageCount);
            if (last < first)
                throw new UserInputException($"'pages' has the range \"{part}\", which runs backwards; write it as \"{last}-{first}\".");
            for (var page = first; page <= last; page++)
            {
                if (seen.Add(page))
                    pages.Add(page);
                if (pages.Count > maxPages)
                    throw new UserInputException(
                        $"'pages' selects more than {maxPages} pages; one call reads at most {maxPages} ({DocumentOptions.Section}:MaxPages). " +
                        "Select fewer, and ask about the rest in further calls.");
            }
        }
        return pages;
    }

    private static int Page(string text, string selection, int pageCount)
    {
        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var page) || page < 1)
            throw new UserInputException(
                $"'pages' is \"{InputEcho.Truncate(selection)}\": write page numbers from 1 and ranges, separated by commas, e.g. \"1-5,9\".");
        if (page > pageCount)
            throw new UserInputException($"'pages' asks for page {page}, but the PDF has {pageCount:N0} page{(pageCount == 1 ? "" : "s")}.");
        return page;
    }
}
