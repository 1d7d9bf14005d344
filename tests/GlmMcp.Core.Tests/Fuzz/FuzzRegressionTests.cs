using System.Text;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Security;
using GlmMcp.Core.Workflows.LocateAndEdit;

namespace GlmMcp.Core.Tests.Fuzz;

/// <summary>
/// Every seed and every crash the fuzzer found (bench/fuzz.sh), run through the same product calls as the fuzz targets
/// in bench/GlmMcp.Fuzz: an image either decodes or is refused with a <see cref="UserInputException"/>; HTML is tagged
/// with every span inside the source.
/// </summary>
public sealed class FuzzRegressionTests
{
    private static readonly string[] InlinePrefixes = ["data:", "iVBORw0KGgo", "/9j/", "R0lGOD", "UklGR", "Qk"];

    public static TheoryData<string> ImageInputs => new(FuzzInputs.For("image", "GlmMcp.Core.Tests"));

    public static TheoryData<string> HtmlInputs => new(FuzzInputs.For("html", "GlmMcp.Core.Tests"));

    [Theory]
    [MemberData(nameof(ImageInputs))]
    public async Task An_image_input_decodes_or_is_refused_as_user_input(string input)
    {
        var data = FuzzInputs.Read(input);
        using var loader = new ImageLoader(
            new ImageDecoder(new ImagingOptions { MaxMegapixels = 4, MaxSide = 4096, MaxInputBytes = 1 << 20 }), new UrlPolicy([]));
        using var empty = new TempFolder();

        var decoded = Record.Exception(() => loader.Decoder.Decode(data, "image"));
        Assert.True(decoded is null or UserInputException, $"{input}: {decoded}");

        var text = Encoding.UTF8.GetString(data).Trim();
        if (!InlinePrefixes.Any(p => text.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            return;
        var loaded = await Record.ExceptionAsync(async () =>
            loader.Decoder.Decode(await loader.ReadBytesAsync(text, new AllowedRoots([empty.Path]), "image", CancellationToken.None), "image"));
        Assert.True(loaded is null or UserInputException, $"{input} as an argument: {loaded}");
    }

    [Theory]
    [MemberData(nameof(HtmlInputs))]
    public void An_html_input_is_tagged_with_every_span_inside_the_source(string input)
    {
        var source = Encoding.UTF8.GetString(FuzzInputs.Read(input));

        var tagged = HtmlSourceTagger.Tag(source);

        Assert.All(tagged.Elements, e =>
        {
            Assert.InRange(e.Start, 0, source.Length);
            Assert.InRange(e.End, e.Start, source.Length);
            Assert.Same(e, tagged.FindBySpan(e.Span));
        });
    }
}
