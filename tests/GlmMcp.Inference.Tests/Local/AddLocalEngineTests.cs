using GlmMcp.Inference.Engines;
using GlmMcp.Inference.Local;
using GlmMcp.Inference.Models;
using Microsoft.Extensions.AI;
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
    [Fact]
    public void Shared_engine_settings_apply_and_engine_local_overrides_them()
    {
        using var provider = Build(new()
        {
            ["Engine:MaxTokens"] = "100",
            ["Engine:TopP"] = "0.5",
            ["Engine:Thinking"] = "false",
            ["Engine:Local:MaxTokens"] = "50",
        });

        var options = provider.GetRequiredService<IOptions<LocalEngineOptions>>().Value;

        Assert.Equal((50, 0.5f, false), (options.MaxTokens, options.TopP, options.Thinking));
    }

    [Fact]
    public void With_engine_selection_the_keyed_local_chat_client_is_this_engine_fed_by_the_model_cache()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>()).Build();
        using var provider = new ServiceCollection().AddLogging().AddEngines(configuration).BuildServiceProvider();

        var keyed = provider.GetRequiredKeyedService<IChatClient>(EngineKind.Local);

        Assert.Same(provider.GetRequiredService<LocalGlmChatClient>(), keyed.GetService<LocalGlmChatClient>());
        Assert.IsType<CachedModelFiles>(provider.GetRequiredService<ILocalModelFiles>());
    }
}
