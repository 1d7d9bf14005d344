using GlmMcp.Core.Rendering;
using GlmMcp.Core.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GlmMcp.Core.Tests.Rendering;

public sealed class RenderingOptionsTests
{
    [Theory]
    [InlineData(0, 2, "Rendering:TimeoutSeconds")]
    [InlineData(15, 0, "Rendering:PoolSize")]
    [InlineData(15, 99, "Rendering:PoolSize")]
    public void Out_of_range_settings_are_refused_naming_the_setting(int timeout, int pool, string setting)
    {
        var result = new RenderingOptionsValidator().Validate(null, new RenderingOptions { TimeoutSeconds = timeout, PoolSize = pool });

        Assert.True(result.Failed);
        Assert.Contains(setting, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_renderer_built_by_hand_refuses_the_settings_the_host_would_refuse()
    {
        var error = Assert.Throws<OptionsValidationException>(() => new PageRenderer(new RenderingOptions { PoolSize = 0 }, new UrlPolicy([])));

        Assert.Contains("Rendering:PoolSize must be between 1 and 16, got 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_rendering_binds_the_section_and_shares_one_renderer()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Rendering:TimeoutSeconds"] = "7",
            ["Rendering:PoolSize"] = "3",
            ["Rendering:ExtraArgs:0"] = "--lang=de",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddSecurity(configuration).AddRendering(configuration).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<RenderingOptions>>().Value;

        Assert.Equal((7, 3), (options.TimeoutSeconds, options.PoolSize));
        Assert.Equal(["--lang=de"], options.ExtraArgs);
        Assert.Same(provider.GetRequiredService<PageRenderer>(), provider.GetRequiredService<IPageRenderer>());
    }

    [Fact]
    public void Add_rendering_refuses_invalid_settings_with_the_setting_named()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Rendering:PoolSize"] = "0",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddSecurity(configuration).AddRendering(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RenderingOptions>>().Value);

        Assert.Contains("Rendering:PoolSize", error.Message, StringComparison.Ordinal);
    }
}
