using GlmMcp.Inference.Local.Gguf;

using GlmMcp.Inference.Tests.TinyGguf;

namespace GlmMcp.Inference.Tests.Local;

/// <summary>The engine tests on the GLM-4.6V shape (<c>glm4moe</c>).</summary>
public sealed class MoeLocalEngineTests(TinyEngineFixture fixture)
    : LocalEngineTestsBase(fixture, SyntheticGgufWriter.MoeArchitecture), IClassFixture<TinyEngineFixture>;
