using GlmMcp.Inference.Local;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GlmMcp.Inference.Tests.Local;

public sealed class AddLocalEngineTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLocalEngine(configuration).BuildServiceProvider();
    }

    [Fact]
    public void Settings_bind_from_the_engine_local_section_with_model_card_defaults()
    {
        using var provider = Build(new() { ["Engine:Local:ModelPath"] = "/m/text.gguf", ["Engine:Local:Temperature"] = "0.2" });

        var options = provider.GetRequiredService<IOptions<LocalEngineOptions>>().Value;

        Assert.Equal("/m/text.gguf", options.ModelPath);
        Assert.Equal(0.2f, options.Temperature);
        Assert.Equal((0.6f, 2, 1.1f), (options.TopP, options.TopK, options.RepetitionPenalty));
        Assert.NotNull(provider.GetRequiredService<LocalGlmChatClient>());
        Assert.IsType<ConfiguredLocalModelFiles>(provider.GetRequiredService<ILocalModelFiles>());
    }

    [Fact]
    public void An_out_of_range_setting_fails_validation_naming_the_setting()
    {
        using var provider = Build(new() { ["Engine:Local:TopP"] = "1.5" });

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LocalEngineOptions>>().Value);

        Assert.Contains("Engine:Local:TopP is 1.5", e.Message);
    }
}
