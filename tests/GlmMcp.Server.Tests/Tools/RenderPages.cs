using System.Globalization;
using System.Text;
using SkiaSharp;

namespace GlmMcp.Server.Tests.Tools;

/// <summary>Test pages for render_page: the red square with a pixel-exact check, and numbered documentation-like pages.</summary>
internal static class RenderPages
{
    /// <summary>A 100×100 #ff0000 square at (40, 60) on white.</summary>
    public const string RedSquareHtml =
        "<!doctype html><html><body style=\"margin:0;background:#fff\">" +
        "<div style=\"position:absolute;left:40px;top:60px;width:100px;height:100px;background:#ff0000\"></div>" +
        "</body></html>";

    /// <summary>Every pixel inside the square is pure red and every other pixel pure white.</summary>
    public static void AssertRedSquare(ReadOnlySpan<byte> png, int width, int height)
    {
        using var bitmap = SKBitmap.Decode(png) ?? throw new Xunit.Sdk.XunitException("The image does not decode.");
        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
        var wrong = 0;
        var first = "";
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var inside = x is >= 40 and < 140 && y is >= 60 and < 160;
                var pixel = bitmap.GetPixel(x, y);
                var ok = inside
                    ? pixel.Red == 255 && pixel.Green == 0 && pixel.Blue == 0
                    : pixel.Red == 255 && pixel.Green == 255 && pixel.Blue == 255;
                if (!ok && wrong++ == 0)
                    first = $"({x},{y}) is {pixel}";
            }
        }
        Assert.True(wrong == 0, $"{wrong} pixels are not as expected; first: {first}");
    }

    /// <summary>
    /// A documentation-like page (a sidebar, headings, prose, code, tables) numbered <paramref name="page"/>; its
    /// background, right of the content, has the colour <see cref="ColourOf"/> gives that number, so a screenshot tells
    /// which page it shows.
    /// </summary>
    public static string DocsPage(int page)
    {
        var (r, g, b) = ColourOf(page);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!doctype html><html><head><meta charset=utf-8><title>Docs {page}</title><style>")
            .Append(CultureInfo.InvariantCulture, $"html{{background:rgb({r},{g},{b})}}body{{margin:0;font:15px/1.6 system-ui,sans-serif;display:flex}}")
            .Append("nav{width:260px;background:#f6f8fa;padding:24px;min-height:100vh}nav a{display:block;color:#0969da}")
            .Append("main{flex:1;padding:32px 48px;max-width:760px}pre{background:#161b22;color:#e6edf3;padding:16px}")
            .Append("td,th{border:1px solid #d0d7de;padding:6px 13px}</style></head><body><nav>");
        for (var i = 1; i <= 24; i++)
            html.Append(CultureInfo.InvariantCulture, $"<a href=\"#s{i}\">Section {i}: configuring the thing</a>");
        html.Append(CultureInfo.InvariantCulture, $"</nav><main><h1>Getting started, revision {page}</h1>");
        for (var s = 1; s <= 6; s++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"s{s}\">Step {s}</h2>")
                .Append("<p>Install the package, point it at your project and run the first command.</p>")
                .Append("<pre>glm-mcp render --html-file index.html --out shot.png</pre>")
                .Append("<table><tr><th>Setting</th><th>Default</th></tr><tr><td>PoolSize</td><td>2</td></tr></table>");
        }
        return html.Append("</main></body></html>").ToString();
    }

    /// <summary>The background colour of <see cref="DocsPage"/> number <paramref name="page"/>.</summary>
    public static (byte R, byte G, byte B) ColourOf(int page) =>
        ((byte)(page * 37 % 200 + 20), (byte)(page * 91 % 200 + 20), (byte)(page * 53 % 200 + 20));
}
