using GlmMcp.Core;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GlmMcp.Core.Tests.Imaging;

public sealed class ImagingServiceCollectionExtensionsTests
{
    [Fact]
    public void Limits_come_from_the_imaging_section()
    {
        using var provider = Build(new() { ["Imaging:MaxSide"] = "100", ["Imaging:MaxMegapixels"] = "0.5" });

        var decoder = provider.GetRequiredService<ImageDecoder>();

        Assert.Equal(100, decoder.Options.MaxSide);
        var error = Assert.Throws<UserInputException>(() => decoder.CheckSize(101, 10, "before"));
        Assert.Contains("the limit is 100 px per side and 0.5 megapixels", error.Message);
        Assert.NotNull(provider.GetRequiredService<VisualDiffer>());
    }

    [Fact]
    public void Invalid_limits_are_reported_by_setting_name()
    {
        using var provider = Build(new() { ["Imaging:MaxMegapixels"] = "0", ["Imaging:MaxSide"] = "-1" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ImagingOptions>>().Value);

        Assert.Contains("Imaging:MaxMegapixels must be greater than 0 and at most 500", error.Message);
        Assert.Contains("Imaging:MaxSide must be greater than 0", error.Message);
    }

    [Fact]
    public void Registering_imaging_twice_reports_each_problem_once()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Imaging:MaxSide"] = "0" }).Build();
        using var provider = new ServiceCollection().AddSecurity(configuration).AddImaging(configuration).AddImaging(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ImagingOptions>>().Value);

        Assert.Single(error.Failures);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSecurity(configuration).AddImaging(configuration).BuildServiceProvider();
    }
}
