using GlmMcp.Inference.Local.Gguf;
using GlmMcp.Inference.Tests.TinyGguf;

namespace GlmMcp.Inference.Tests.Local;

/// <summary>The engine tests on the GLM-4.6V-Flash shape (<c>glm4</c>).</summary>
public sealed class DenseLocalEngineTests(TinyEngineFixture fixture)
    : LocalEngineTestsBase(fixture, SyntheticGgufWriter.DenseArchitecture), IClassFixture<TinyEngineFixture>;
