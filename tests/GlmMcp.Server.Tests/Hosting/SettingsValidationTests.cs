using GlmMcp.Core;
using GlmMcp.Core.Settings;
using GlmMcp.Server.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GlmMcp.Server.Tests.Hosting;

/// <summary>Every settings class, registered as the server registers it, refuses a bad value at start naming the setting.</summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("Security:Roots:0", "/no/such/folder", "Security:Roots (--root): folder not found: /no/such/folder.")]
    [InlineData("Imaging:MaxSide", "0", "Imaging:MaxSide must be greater than 0 (got 0).")]
    [InlineData("Imaging:MaxMegapixels", "501", "Imaging:MaxMegapixels must be greater than 0 and at most 500 (got 501).")]
    [InlineData("Sessions:LockTimeoutSeconds", "0", "Sessions:LockTimeoutSeconds must be above 0 and at most 3600 seconds, got 0.")]
    [InlineData("Rendering:PoolSize", "17", "Rendering:PoolSize must be between 1 and 16, got 17 (GLM_MCP_Rendering__PoolSize).")]
    [InlineData("Rendering:ExtraArgs:0", "lang=de", "Rendering:ExtraArgs must be Chromium switches starting with '--', got 'lang=de'.")]
    [InlineData("Engine:TopP", "0", "Engine:TopP must be in (0, 1], got 0.")]
    [InlineData("Engine:MaxTokens", "131073", "Engine:MaxTokens must be between 1 and 131072, got 131073.")]
    [InlineData("Engine:Local:Contexts", "65", "Setting Engine:Local:Contexts is 65; it must be between 1 and 64.")]
    [InlineData("Engine:Local:ImageMinTokens", "900", "Setting Engine:Local:ImageMinTokens is 900; it must be not above ImageMaxTokens (800).")]
    [InlineData("Models:StallTimeout", "00:00:00", "Models:StallTimeout must be positive, got 00:00:00.")]
    [InlineData("Models:BaseUrl", "ftp://mirror", "Models:BaseUrl must be an absolute http(s) URL of a Hugging Face-compatible endpoint, got 'ftp://mirror'.")]
    [InlineData("Http:Port", "70000", "Http:Port (--port) must be 0–65535, got 70000.")]
    [InlineData("Http:Host", "0.0.0.0", "Http:Host (--host) 0.0.0.0 is reachable from other machines; set a bearer token")]
    [InlineData("Http:Token", "short", "Http:Token (--token) is too short; use at least 16 characters")]
    [InlineData("Stdio:MaxMessageBytes", "5", "Stdio:MaxMessageBytes must be between 1024 and 2,147,483,647, got 5.")]
    public async Task A_bad_value_is_refused_at_start_with_a_message_naming_the_setting(string key, string value, string expected)
    {
        using var services = Build(new() { [key] = value, ["Engine:Local:ImageMaxTokens"] = "800" });

        var messages = await StartupFailures(services);

        Assert.Contains(messages, m => m.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Engine:OpenAi:MaxRetries", "11", "Engine:OpenAi:MaxRetries must be between 0 and 10, got 11.")]
    [InlineData("Engine:OpenAi:IdleTimeout", "-00:00:01", "Engine:OpenAi:IdleTimeout must be positive, got -00:00:01.")]
    [InlineData("Engine:OpenAi:BaseUrl", "gpu-node:8000", "Engine:OpenAi:BaseUrl must be an absolute http(s) URL, got 'gpu-node:8000'.")]
    public async Task A_bad_openai_value_is_refused_at_start_when_that_engine_is_chosen(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?> { ["Engine:OpenAi:BaseUrl"] = "http://127.0.0.1:8000/v1", [key] = value };
        using (var local = Build(new(settings)))
            Assert.Empty(await StartupFailures(local));

        settings["Engine:Kind"] = "openai";
        using var chosen = Build(settings);

        Assert.Contains(await StartupFailures(chosen), m => m.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_defaults_pass_every_check()
    {
        using var services = Build([]);

        Assert.Empty(await StartupFailures(services));
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_refused_naming_the_setting()
    {
        using var services = Build(new() { ["Http:Port"] = "eighty" });

        var error = Assert.Throws<UserInputException>(() => services.GetRequiredService<IOptions<HttpTransportOptions>>().Value);

        Assert.Contains("'eighty'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Http:Port", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The server's registration (<see cref="GlmMcpServiceCollectionExtensions.AddGlmMcp"/> and the stdio transport's settings).</summary>
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddGlmMcp(configuration);
        services.AddSettings<StdioTransportOptions, StdioTransportOptionsValidator>(configuration, StdioTransportOptions.Section);
        return services.BuildServiceProvider();
    }

    /// <summary>What the host's start-up check (<c>ValidateOnStart</c>) reports, one message per problem.</summary>
    private static async Task<IReadOnlyList<string>> StartupFailures(ServiceProvider services)
    {
        try
        {
            await services.GetRequiredService<IAsyncStartupValidator>().ValidateAsync(CancellationToken.None);
            return [];
        }
        catch (OptionsValidationException e)
        {
            return [.. e.Failures];
        }
        catch (AggregateException e)
        {
            return [.. e.InnerExceptions.OfType<OptionsValidationException>().SelectMany(x => x.Failures)];
        }
    }
}
