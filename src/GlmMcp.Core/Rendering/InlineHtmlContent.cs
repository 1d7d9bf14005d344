using System.Text;
using GlmMcp.Core.Arguments;
using PuppeteerSharp;

namespace GlmMcp.Core.Rendering;

/// <summary>
/// Sets HTML text that arrived as an inline argument (UTF-8, up to 10 million characters) as a tab's document in
/// pieces: <c>document.open()</c>, one <c>document.write</c> per piece, then <c>document.close()</c> and the load event,
/// as <see cref="IPage.SetContentAsync"/> does in one message. The server never holds the text as a string, nor as
/// the one CDP message that would carry it whole (each a copy, twice its size and more).
/// </summary>
internal static class InlineHtmlContent
{
    /// <summary>UTF-8 bytes per <c>document.write</c>: each CDP message and string stays small (larger ones go to the large object heap).</summary>
    private const int PieceBytes = 16 * 1024;

    private const string CloseAndWaitForLoad =
        "() => new Promise(resolve => { window.addEventListener('load', () => resolve(), { once: true }); document.close(); " +
        "if (document.readyState === 'complete') resolve(); })";

    public static RenderPlan Plan(InlineValue html, int maxChars)
    {
        var chars = html.TextLength;
        if (chars > maxChars)
            throw new UserInputException($"'html' is {chars:N0} characters; the limit is {maxChars:N0}. Save it to a file under an allowed root and pass 'path'.");
        return new RenderPlan(null, null, RenderSandbox.Offline(), html);
    }

    public static async Task SetAsync(IPage tab, InlineValue html, CancellationToken token)
    {
        if (html.Kind != InlineValueKind.Text)
        {
            // Base64 sent as HTML: rare, and not larger than an image argument.
            await tab.SetContentAsync(html.ToText(), new SetContentOptions { Timeout = 0, WaitUntil = [WaitUntilNavigation.Load] }).WaitAsync(token).ConfigureAwait(false);
            return;
        }
        await tab.EvaluateFunctionAsync("() => { document.open(); }").WaitAsync(token).ConfigureAwait(false);
        for (var offset = 0; offset < html.Length;)
        {
            var end = PieceEnd(html, offset);
            var piece = Encoding.UTF8.GetString(html.Bytes[offset..end]);
            await tab.EvaluateFunctionAsync("text => { document.write(text); }", piece).WaitAsync(token).ConfigureAwait(false);
            offset = end;
        }
        await tab.EvaluateFunctionAsync(CloseAndWaitForLoad).WaitAsync(token).ConfigureAwait(false);
    }

    /// <summary>Where the piece starting at <paramref name="offset"/> ends: at most <see cref="PieceBytes"/> on, never inside a character.</summary>
    private static int PieceEnd(InlineValue html, int offset)
    {
        var bytes = html.Bytes;
        var end = Math.Min(bytes.Length, offset + PieceBytes);
        while (end < bytes.Length && end > offset + 1 && (bytes[end] & 0xC0) == 0x80)
            end--;
        return end;
    }
}
