using GlmMcp.Core.Rendering;
using GlmMcp.Core.Security;

namespace GlmMcp.Core.Tests.Rendering;

public sealed class ChromiumLocatorTests
{
    [Fact]
    public void A_configured_path_that_does_not_exist_is_an_error_naming_the_setting_and_the_install_command()
    {
        var error = Assert.Throws<UserInputException>(() =>
            ChromiumLocator.Locate(new RenderingOptions { ChromiumPath = "/nonexistent/chromium" }));

        Assert.Contains("/nonexistent/chromium", error.Message, StringComparison.Ordinal);
        Assert.Contains("Rendering:ChromiumPath", error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y chromium", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configured_path_that_exists_is_used()
    {
        Assert.Equal("/usr/bin/chromium", ChromiumLocator.Locate(new RenderingOptions { ChromiumPath = "/usr/bin/chromium" }));
    }

    [Fact]
    public void The_usual_install_path_is_found_without_configuration()
    {
        var configured = Environment.GetEnvironmentVariable(ChromiumLocator.EnvironmentVariable);
        var expected = string.IsNullOrEmpty(configured) ? "/usr/bin/chromium" : Path.GetFullPath(configured);

        Assert.Equal(expected, ChromiumLocator.Locate(new RenderingOptions()));
    }

    [Fact]
    public async Task The_probe_reports_the_path_and_the_chromium_version()
    {
        var info = await ChromiumInfo.ProbeAsync(new RenderingOptions { ChromiumPath = "/usr/bin/chromium" });

        Assert.Equal("/usr/bin/chromium", info.Path);
        Assert.Matches(@"Chrom(e|ium) \d+\.\d+", info.Version);
    }

    [Fact]
    public async Task A_renderer_pointed_at_a_missing_chromium_fails_the_render_with_the_fix()
    {
        await using var renderer = new PageRenderer(new RenderingOptions { ChromiumPath = "/nonexistent/chromium" }, new UrlPolicy([]));

        var error = await Assert.ThrowsAsync<UserInputException>(() => renderer.RenderAsync(new RenderRequest { Html = "<p>x</p>" }));

        Assert.Contains("apt-get install -y chromium", error.Message, StringComparison.Ordinal);
    }
}
