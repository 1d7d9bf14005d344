using System.Text.Json;
using GlmMcp.Core.Rendering;
using Microsoft.Extensions.Options;
using PuppeteerSharp;

namespace GlmMcp.Core.Documents;

/// <summary>
/// Draws PDF pages with pdf.js (third_party/pdfjs-dist, embedded) in the Chromium the server already runs, on a tab of
/// the offline context: the PDF arrives by script, pdf.js loads from <c>blob:</c> URLs, and no request leaves the tab.
/// Pages are drawn at the sizes a plan chooses from their natural sizes (see <see cref="TokenBudget"/>).
/// </summary>
public sealed class PdfRasterizer(PageRenderer renderer, IOptions<DocumentOptions> options)
{
    private const double JpegQuality = 0.9;

    private static readonly Lazy<string> Library = new(() => Resource("GlmMcp.Core.pdfjs.pdf.min.mjs"));
    private static readonly Lazy<string> Worker = new(() => Resource("GlmMcp.Core.pdfjs.pdf.worker.min.mjs"));

    private const string Open = """
        async (lib, worker) => {
          const url = (text) => URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));
          const input = window.__input ?? [];
          const data = new Uint8Array(input.reduce((n, c) => n + c.length, 0));
          let at = 0;
          for (const c of input) { data.set(c, at); at += c.length; }
          window.__input = null;
          try {
            // The tab's origin is opaque (about:blank, offline), where module workers do not start; pdf.js then
            // runs its worker code on the page itself, which it takes from globalThis.pdfjsWorker.
            globalThis.pdfjsWorker = await import(url(worker));
            const pdfjs = await import(url(lib));
            window.__pdf = await pdfjs.getDocument({ data, isEvalSupported: false, useSystemFonts: true, verbosity: 0 }).promise;
            return { pages: window.__pdf.numPages };
          } catch (e) {
            return { error: String(e?.name ?? 'Error'), message: String(e?.message ?? e) };
          }
        }
        """;

    private const string Sizes = """
        async (pages) => {
          const sizes = [];
          for (const n of pages) {
            const viewport = (await window.__pdf.getPage(n)).getViewport({ scale: 1 });
            sizes.push([viewport.width, viewport.height]);
          }
          return sizes;
        }
        """;

    private const string Draw = """
        async (n, width, height, quality) => {
          const page = await window.__pdf.getPage(n);
          const viewport = page.getViewport({ scale: width / page.getViewport({ scale: 1 }).width });
          const canvas = document.createElement('canvas');
          canvas.width = width;
          canvas.height = height;
          const context = canvas.getContext('2d', { alpha: false });
          context.fillStyle = '#ffffff';
          context.fillRect(0, 0, width, height);
          await page.render({ canvasContext: context, viewport, transform: [1, 0, 0, height / viewport.height, 0, 0] }).promise;
          page.cleanup();
          return canvas.toDataURL('image/jpeg', quality).slice('data:image/jpeg;base64,'.length);
        }
        """;

    /// <summary>
    /// Opens <paramref name="pdf"/>, selects <paramref name="pages"/> (every page when null; see <see cref="PageSelection"/>),
    /// asks <paramref name="plan"/> for their sizes given their natural sizes in points, and draws them.
    /// </summary>
    /// <exception cref="UserInputException">Not a PDF pdf.js can read, encrypted, a bad selection, or too slow.</exception>
    public Task<RasterizedPdf> RasterizeAsync(byte[] pdf, string? pages, Func<IReadOnlyList<(double Width, double Height)>, IReadOnlyList<PlannedImage>> plan,
        IProgress<int>? drawn, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        return renderer.RunOfflineAsync(async (page, token) =>
        {
            await OfflineBytes.SendAsync(page, pdf, token).ConfigureAwait(false);
            var opened = await page.EvaluateFunctionAsync<JsonElement>(Open, Library.Value, Worker.Value).WaitAsync(token).ConfigureAwait(false);
            if (opened.TryGetProperty("error", out var error))
                throw Unreadable(error.GetString()!, opened.GetProperty("message").GetString()!);
            var count = opened.GetProperty("pages").GetInt32();
            if (count < 1)
                throw new UserInputException("The PDF has no pages.");
            var selected = PageSelection.Parse(pages, count, limits.MaxPages);
            var natural = await Guarded(() => page.EvaluateFunctionAsync<double[][]>(Sizes, selected), "reading the pages' sizes").WaitAsync(token).ConfigureAwait(false);
            var sizes = plan([.. natural.Select(s => (s[0], s[1]))]);
            var images = new List<MediaImage>(selected.Count);
            for (var i = 0; i < selected.Count; i++)
            {
                var size = sizes[i];
                var jpeg = await Guarded(() => page.EvaluateFunctionAsync<string>(Draw, selected[i], size.Width, size.Height, JpegQuality),
                    $"drawing page {selected[i]}").WaitAsync(token).ConfigureAwait(false);
                images.Add(new MediaImage(Convert.FromBase64String(jpeg), "image/jpeg", size.Width, size.Height, size.Tokens, Page: selected[i]));
                drawn?.Report(i + 1);
            }
            return new RasterizedPdf(count, images);
        }, limits.Timeout, budget => TooSlow(budget, pages), cancellationToken);
    }

    /// <summary>A page pdf.js cannot read or draw (a broken page tree, a page count that lies) is the PDF's fault, said so.</summary>
    private static async Task<T> Guarded<T>(Func<Task<T>> step, string what)
    {
        try
        {
            return await step().ConfigureAwait(false);
        }
        catch (EvaluationFailedException e)
        {
            throw new UserInputException(
                $"pdf.js failed {what}: {InputEcho.Truncate(e.Message)}. The PDF is damaged; open it in a PDF viewer, or print it to PDF again, and pass the new file.", e);
        }
    }

    private static UserInputException Unreadable(string name, string message) => name switch
    {
        "PasswordException" => new UserInputException(
            "The PDF is encrypted with a password, so its pages cannot be read. Save an unprotected copy (e.g. " +
            "'qpdf --decrypt --password=… in.pdf out.pdf') and pass that."),
        _ => new UserInputException(
            $"The input starts like a PDF but pdf.js cannot read it ({name}: {InputEcho.Truncate(message)}). It may be truncated or " +
            "damaged: open it in a PDF viewer, or print it to PDF again, and pass the new file."),
    };

    private static UserInputException TooSlow(TimeSpan budget, string? pages) => new(
        $"Reading the PDF took longer than {budget.TotalSeconds:0} s ({DocumentOptions.Section}:TimeoutSeconds). " +
        (pages is null ? "Select fewer pages with 'pages', e.g. \"1-10\"" : "Select fewer pages") + ", or raise the limit.");

    private static string Resource(string name)
    {
        using var stream = typeof(PdfRasterizer).Assembly.GetManifestResourceStream(name)
                           ?? throw new InvalidOperationException($"The embedded resource {name} is missing from GlmMcp.Core.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
