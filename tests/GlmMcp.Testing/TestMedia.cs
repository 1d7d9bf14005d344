using System.Globalization;
using PuppeteerSharp;
using PuppeteerSharp.Media;

namespace GlmMcp.Testing;

/// <summary>
/// Real PDFs and videos made by Chromium for tests and benchmarks: PDFs by print-to-PDF (one HTML page per PDF page),
/// WebM and MP4 videos by <c>MediaRecorder</c> on a canvas that paints the elapsed time, so every frame shows when it was made.
/// </summary>
public sealed class TestMedia : IAsyncDisposable
{
    private readonly IBrowser _browser;

    private TestMedia(IBrowser browser) => _browser = browser;

    public static async Task<TestMedia> StartAsync(string chromium = "/usr/bin/chromium") =>
        new(await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--autoplay-policy=no-user-gesture-required"],
        }));

    /// <summary>A PDF with one page per entry of <paramref name="pages"/>: that page's body HTML, printed on A4.</summary>
    public async Task<byte[]> PdfAsync(params string[] pages)
    {
        var html = "<!doctype html><html><head><style>body{margin:0;font:32px sans-serif} section{break-after:page;padding:40px}" +
                   "section:last-child{break-after:auto}</style></head><body>" +
                   string.Concat(pages.Select(p => $"<section>{p}</section>")) + "</body></html>";
        await using var page = await _browser.NewPageAsync();
        await page.SetContentAsync(html);
        return await page.PdfDataAsync(new PdfOptions { Format = PaperFormat.A4, PrintBackground = true });
    }

    /// <summary>
    /// A video of <paramref name="seconds"/> seconds, <paramref name="width"/> × <paramref name="height"/>, in
    /// <paramref name="mimeType"/> (WebM VP8 by default; <c>video/mp4;codecs=avc1</c> makes an H.264 MP4): a
    /// background whose hue turns with time and the elapsed seconds written large, with a key frame every
    /// <paramref name="keyFrameSeconds"/> as common encoders make (MediaRecorder's default makes hardly any, so a seek
    /// late in the video decodes from the start). It records in real time.
    /// </summary>
    public async Task<byte[]> VideoAsync(double seconds, int width = 320, int height = 240, int fps = 25, double keyFrameSeconds = 2,
        string mimeType = "video/webm;codecs=vp8")
    {
        await using var page = await _browser.NewPageAsync();
        await page.SetContentAsync("<!doctype html><html><body></body></html>");
        var base64 = await page.EvaluateFunctionAsync<string>("""
            async (seconds, width, height, fps, keyFrameSeconds, mimeType) => {
              const canvas = document.createElement('canvas');
              canvas.width = width; canvas.height = height;
              document.body.appendChild(canvas);
              const g = canvas.getContext('2d');
              const stream = canvas.captureStream(fps);
              const recorder = new MediaRecorder(stream, {
                mimeType, videoBitsPerSecond: 4e6, videoKeyFrameIntervalDuration: keyFrameSeconds * 1000 });
              const chunks = [];
              recorder.ondataavailable = (e) => chunks.push(e.data);
              const stopped = new Promise((resolve) => recorder.onstop = resolve);
              const start = performance.now();
              const paint = () => {
                const t = (performance.now() - start) / 1000;
                g.fillStyle = `hsl(${(t * 90) % 360}, 70%, 45%)`;
                g.fillRect(0, 0, width, height);
                g.fillStyle = '#fff';
                g.font = `${Math.round(height / 3)}px sans-serif`;
                g.fillText(t.toFixed(1), width / 10, height * 0.6);
                if (t < seconds) requestAnimationFrame(paint); else recorder.stop();
              };
              recorder.start(250);
              paint();
              await stopped;
              const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
              let text = '';
              for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
              return btoa(text);
            }
            """, seconds, width, height, fps, keyFrameSeconds, mimeType);
        return Convert.FromBase64String(base64);
    }

    /// <summary>
    /// A one-page PDF protected by the standard security handler (RC4, revision 2) with a user password that is not
    /// empty, so no reader opens it without one. Written by hand: Chromium does not print encrypted PDFs.
    /// </summary>
    public static byte[] EncryptedPdf()
    {
        var hex = Convert.ToHexString(Enumerable.Range(0, 32).Select(i => (byte)(i * 37 + 11)).ToArray());
        return HandWrittenPdf(
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
            $"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <{hex}> /U <{hex}> >>",
        ], $"/Encrypt 4 0 R /ID [<{hex[..32]}> <{hex[..32]}>]");
    }

    /// <summary>
    /// A PDF whose page tree claims <paramref name="count"/> pages but holds one, or (<paramref name="brokenPage"/>)
    /// whose one page is not a page dictionary at all.
    /// </summary>
    public static byte[] PdfClaimingPages(long count, bool brokenPage = false) => HandWrittenPdf(
    [
        "<< /Type /Catalog /Pages 2 0 R >>",
        string.Create(CultureInfo.InvariantCulture, $"<< /Type /Pages /Kids [3 0 R] /Count {count} >>"),
        brokenPage ? "42" : "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ], "");

    /// <summary>A PDF of <paramref name="objects"/> (numbered from 1; the first is the catalog) with a correct xref table.</summary>
    private static byte[] HandWrittenPdf(string[] objects, string trailerExtra)
    {
        var text = new System.Text.StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(text.Length);
            text.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj {objects[i]} endobj\n");
        }
        var xref = text.Length;
        text.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
            text.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        text.Append(CultureInfo.InvariantCulture,
            $"trailer << /Size {objects.Length + 1} /Root 1 0 R {trailerExtra} >>\nstartxref\n{xref}\n%%EOF\n");
        return System.Text.Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>
    /// The colour near the top-left corner of a frame taken from a test video (<see cref="VideoAsync"/>,
    /// <see cref="FfmpegMedia.VideoAsync"/>): the background, whose hue tells the frame's time.
    /// </summary>
    public static SkiaSharp.SKColor CornerColour(byte[] image)
    {
        using var bitmap = SkiaSharp.SKBitmap.Decode(image);
        return bitmap.GetPixel(4, 4);
    }

    public async ValueTask DisposeAsync() => await _browser.DisposeAsync();

    /// <summary>The HTML of a page that shows <paramref name="title"/> large and a line of body text.</summary>
    public static string Page(string title, string body = "") =>
        string.Create(CultureInfo.InvariantCulture, $"<h1>{title}</h1><p>{body}</p>");
}
