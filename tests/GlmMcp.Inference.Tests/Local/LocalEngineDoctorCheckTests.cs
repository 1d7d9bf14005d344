using GlmMcp.Core.Diagnostics;
using GlmMcp.Inference.Local;
using Microsoft.Extensions.Options;

using GlmMcp.Inference.Tests.TinyGguf;

namespace GlmMcp.Inference.Tests.Local;

public sealed class LocalEngineDoctorCheckTests(TinyEngineFixture fixture) : IClassFixture<TinyEngineFixture>
{
    private static LocalEngineDoctorCheck Check(LocalEngineOptions options, out LocalGlmChatClient client)
    {
        var wrapped = Options.Create(options);
        var files = new ConfiguredLocalModelFiles(wrapped);
        client = new LocalGlmChatClient(wrapped, files);
        return new LocalEngineDoctorCheck(files, client);
    }

    [Fact]
    public async Task A_good_pair_is_described_and_loaded()
    {
        var check = Check(new LocalEngineOptions { ModelPath = fixture.Files.Dense, MmprojPath = fixture.Files.Mmproj }, out var client);
        using (client)
        {
            var lines = await check.RunAsync(CancellationToken.None);

            Assert.All(lines, l => Assert.Equal(DoctorStatus.Ok, l.Status));
            Assert.Contains(lines, l => l.Detail.Contains("glm4, 2 layers, embedding 64, M-RoPE sections [2,3,3,0], projector glm4v"));
            Assert.Contains(lines, l => l.Detail.Contains("loads the model"));
            Assert.NotNull(client.ModelInfo);
        }
    }

    [Fact]
    public async Task A_text_only_model_fails_with_the_fix()
    {
        var check = Check(new LocalEngineOptions { ModelPath = fixture.Files.TextOnly, MmprojPath = fixture.Files.Mmproj }, out var client);
        using (client)
        {
            var failed = Assert.Single(await check.RunAsync(CancellationToken.None), l => l.Status == DoctorStatus.Failed);

            Assert.Contains("old text-only conversion", failed.FixIt);
        }
    }

    [Fact]
    public async Task No_configured_model_fails_and_says_how_to_get_one()
    {
        var check = Check(new LocalEngineOptions(), out var client);
        using (client)
        {
            var line = Assert.Single(await check.RunAsync(CancellationToken.None));

            Assert.Equal(DoctorStatus.Failed, line.Status);
            Assert.Contains("glm-mcp pull", line.FixIt);
        }
    }
}
