using GlmMcp.Core;
using GlmMcp.Inference.Local;
using GlmMcp.Inference.Local.Gguf;

using GlmMcp.Inference.Tests.TinyGguf;

namespace GlmMcp.Inference.Tests.Local;

public sealed class LocalModelValidatorTests(TinyEngineFixture fixture) : IClassFixture<TinyEngineFixture>
{
    private TinyModelFiles Files => fixture.Files;

    [Fact]
    public void A_matching_pair_is_accepted_and_described()
    {
        var info = LocalModelValidator.Validate(new LocalModelPaths(Files.Moe, Files.Mmproj));

        Assert.Equal("glm4moe", info.Architecture);
        Assert.Equal(64, info.EmbeddingLength);
        Assert.Equal(2, info.BlockCount);
    }

    [Fact]
    public void A_file_that_is_not_gguf_is_refused_with_where_to_get_the_model()
    {
        var e = Assert.Throws<UserInputException>(() => LocalModelValidator.Validate(new LocalModelPaths(Files.NotGguf, Files.Mmproj)));

        Assert.Contains("not a usable GGUF", e.Message);
        Assert.Contains("GLM-4.6V-Flash-GGUF", e.Message);
    }

    [Fact]
    public void A_text_only_gguf_without_mrope_sections_is_refused_as_an_old_conversion()
    {
        var e = Assert.Throws<UserInputException>(() => LocalModelValidator.Validate(new LocalModelPaths(Files.TextOnly, Files.Mmproj)));

        Assert.Contains("old text-only conversion", e.Message);
        Assert.Contains("glm4.rope.dimension_sections", e.Message);
        Assert.Contains("GLM-4.6V-Flash-GGUF", e.Message);
    }

    [Fact]
    public void A_missing_mmproj_is_refused()
    {
        var e = Assert.Throws<UserInputException>(() => LocalModelValidator.Validate(new LocalModelPaths(Files.Dense, null)));

        Assert.Contains("No mmproj", e.Message);
    }

    [Fact]
    public void An_mmproj_path_that_does_not_exist_is_refused()
    {
        var e = Assert.Throws<UserInputException>(() =>
            LocalModelValidator.Validate(new LocalModelPaths(Files.Dense, Path.Combine(Files.Folder, "absent.gguf"))));

        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public void An_mmproj_of_another_projector_type_is_refused()
    {
        var e = Assert.Throws<UserInputException>(() => LocalModelValidator.Validate(new LocalModelPaths(Files.Dense, Files.OtherProjector)));

        Assert.Contains("'qwen2vl_merger'", e.Message);
        Assert.Contains("expected 'glm4v'", e.Message);
    }

    [Fact]
    public void An_mmproj_whose_projection_does_not_match_the_text_model_is_refused()
    {
        var e = Assert.Throws<UserInputException>(() => LocalModelValidator.Validate(new LocalModelPaths(Files.Dense, Files.MismatchedMmproj)));

        Assert.Contains("projects to 128", e.Message);
        Assert.Contains("embedding length 64", e.Message);
    }

    [Fact]
    public void An_mmproj_given_as_the_text_model_is_refused()
    {
        var e = Assert.Throws<UserInputException>(() => LocalModelValidator.Validate(new LocalModelPaths(Files.Mmproj, Files.Mmproj)));

        Assert.Contains("vision projector (mmproj), not the text model", e.Message);
    }

    [Fact]
    public async Task The_engine_refuses_a_text_only_gguf_before_loading_it()
    {
        using var client = TinyEngine.Create(new LocalModelPaths(Files.TextOnly, Files.Mmproj));

        var e = await Assert.ThrowsAsync<UserInputException>(() => client.LoadAsync());

        Assert.Contains("old text-only conversion", e.Message);
        Assert.Null(client.ModelInfo);
    }

    [Fact]
    public async Task The_engine_refuses_a_non_gguf_file_when_asked_a_question()
    {
        using var client = TinyEngine.Create(new LocalModelPaths(Files.NotGguf, Files.Mmproj));

        var e = await Assert.ThrowsAsync<UserInputException>(() =>
            client.GetResponseAsync([new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.User, "hi")]));

        Assert.Contains("no GGUF magic", e.Message);
    }

    [Fact]
    public void The_gguf_reader_reads_back_what_the_writer_wrote()
    {
        var metadata = GgufMetadataReader.Read(Files.Mmproj);

        Assert.Equal(3u, metadata.Version);
        Assert.Equal("glm4v", metadata.GetString("clip.projector_type"));
        Assert.Equal(64, metadata.GetInteger("clip.vision.projection_dim"));
        Assert.Equal(26ul, metadata.TensorCount);
        Assert.True(GgufMetadataReader.HasGgufMagic(Files.Dense));
        Assert.False(GgufMetadataReader.HasGgufMagic(Files.NotGguf));
        Assert.Equal(275ul, GgufMetadataReader.Read(Files.Dense).ArrayLengths["tokenizer.ggml.tokens"]);
    }
}
