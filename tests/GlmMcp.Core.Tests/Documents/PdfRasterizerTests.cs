using GlmMcp.Core.Documents;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Rendering;
using GlmMcp.Core.Security;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace GlmMcp.Core.Tests.Documents;

/// <summary>pdf.js in the server's own Chromium, on PDFs Chromium printed.</summary>
public sealed class PdfRasterizerTests(DocumentMediaFixture fixture) : IClassFixture<DocumentMediaFixture>
{
    private PdfRasterizer Rasterizer(int maxPages = 100) =>
        new(fixture.Renderer, Options.Create(new DocumentOptions { MaxPages = maxPages }));

    private static IReadOnlyList<PlannedImage> Planned(IReadOnlyList<(double Width, double Height)> sizes) =>
        TokenBudget.Plan(sizes, sizes.Count, 560, 64, 100, 1000, "page", "select fewer");

    [Fact]
    public async Task Selected_pages_are_drawn_in_the_order_asked_at_the_planned_grid_size()
    {
        var pdf = await fixture.Media.PdfAsync(Block("#ff0000"), Block("#00ff00"), Block("#0000ff"));
        var seen = new List<(double, double)>();

        var result = await Rasterizer().RasterizeAsync(pdf, "3,1", sizes => { seen.AddRange(sizes); return Planned(sizes); }, null, CancellationToken.None);

        Assert.Equal(3, result.PageCount);
        Assert.Equal([3, 1], result.Pages.Select(p => p.Page!.Value));
        // A4 is 595 x 842 points.
        Assert.All(seen, s => Assert.True(Math.Abs(s.Item1 - 595) < 2 && Math.Abs(s.Item2 - 842) < 2, $"{s}"));
        foreach (var page in result.Pages)
        {
            using var bitmap = SKBitmap.Decode(page.Data);
            Assert.Equal((page.Width, page.Height), (bitmap.Width, bitmap.Height));
            Assert.Equal(0, page.Width % GlmImageGrid.Factor);
            Assert.Equal(0, page.Height % GlmImageGrid.Factor);
            Assert.Equal(GlmImageGrid.ImageTokens(page.Width, page.Height), page.Tokens);
        }
        Assert.True(Dominant(result.Pages[0]).Blue > 200, "page 3 is blue");
        Assert.True(Dominant(result.Pages[1]).Red > 200, "page 1 is red");
    }

    [Fact]
    public async Task A_long_pdf_without_a_selection_is_refused_naming_the_page_limit()
    {
        var pdf = await fixture.Media.PdfAsync([.. Enumerable.Range(1, 12).Select(i => TestMedia.Page($"Page {i}"))]);

        var error = await Assert.ThrowsAsync<UserInputException>(() => Rasterizer(maxPages: 10).RasterizeAsync(pdf, null, Planned, null, CancellationToken.None));

        Assert.Contains("has 12 pages", error.Message);
        Assert.Contains("Documents:MaxPages", error.Message);
        Assert.Contains("\"1-10\"", error.Message);
    }

    [Fact]
    public async Task Garbage_after_a_pdf_header_is_a_clear_error_and_the_next_pdf_still_reads()
    {
        var garbage = "%PDF-1.7\n"u8.ToArray().Concat(Enumerable.Range(0, 5000).Select(i => (byte)(i * 7919 % 251))).ToArray();
        var error = await Assert.ThrowsAsync<UserInputException>(() => Rasterizer().RasterizeAsync(garbage, null, Planned, null, CancellationToken.None));
        Assert.Contains("pdf.js cannot read it", error.Message);

        var pdf = await fixture.Media.PdfAsync(TestMedia.Page("Fine"));
        var result = await Rasterizer().RasterizeAsync(pdf, null, Planned, null, CancellationToken.None);
        Assert.Single(result.Pages);
    }

    [Fact]
    public async Task An_encrypted_pdf_is_refused_with_how_to_decrypt_it()
    {
        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            Rasterizer().RasterizeAsync(TestMedia.EncryptedPdf(), null, Planned, null, CancellationToken.None));

        Assert.Contains("encrypted with a password", error.Message);
        Assert.Contains("qpdf --decrypt", error.Message);
    }

    [Fact]
    public async Task A_page_count_that_lies_is_corrected_to_the_real_pages_and_a_page_that_is_not_one_is_a_clear_error()
    {
        var liar = await Rasterizer().RasterizeAsync(TestMedia.PdfClaimingPages(1_000_000_000), null, Planned, null, CancellationToken.None);
        var broken = await Assert.ThrowsAsync<UserInputException>(() =>
            Rasterizer().RasterizeAsync(TestMedia.PdfClaimingPages(1, brokenPage: true), null, Planned, null, CancellationToken.None));

        Assert.Equal(1, liar.PageCount);
        Assert.Single(liar.Pages);
        Assert.Contains("The PDF is damaged", broken.Message);
    }

    [Fact]
    public async Task A_selection_past_the_last_page_names_the_page_count()
    {
        var pdf = await fixture.Media.PdfAsync(TestMedia.Page("One"), TestMedia.Page("Two"));

        var error = await Assert.ThrowsAsync<UserInputException>(() => Rasterizer().RasterizeAsync(pdf, "1-3", Planned, null, CancellationToken.None));

        Assert.Contains("asks for page 3, but the PDF has 2 pages", error.Message);
    }

    private static string Block(string colour) => $"<div style=\"background:{colour};height:1000px\"></div>";

    private static SKColor Dominant(MediaImage page)
    {
        using var bitmap = SKBitmap.Decode(page.Data);
        return bitmap.GetPixel(bitmap.Width / 2, bitmap.Height / 4);
    }
}
