using GlmMcp.Inference.Local;

namespace GlmMcp.Testing;

/// <summary>
/// Writes the synthetic GLM-4.6V-shaped GGUFs (docs/tiny-gguf.md) into a temp folder: both text shapes, a text model
/// without M-RoPE sections, a glm4v mmproj, and one whose projection does not match. Deleted on dispose.
/// </summary>
public sealed class TinyModelFiles : IDisposable
{
    public TinyModelFiles()
    {
        Folder = Directory.CreateTempSubdirectory("glm-tiny-gguf-").FullName;
        SyntheticGgufWriter.WriteTextModel(Dense, SyntheticGgufWriter.DenseArchitecture);
        SyntheticGgufWriter.WriteTextModel(Moe, SyntheticGgufWriter.MoeArchitecture);
        SyntheticGgufWriter.WriteTextModel(TextOnly, SyntheticGgufWriter.DenseArchitecture, withMRopeSections: false);
        SyntheticGgufWriter.WriteVisionProjector(Mmproj);
        SyntheticGgufWriter.WriteVisionProjector(MismatchedMmproj, projectionDim: 2 * SyntheticGgufWriter.EmbeddingLength);
        SyntheticGgufWriter.WriteVisionProjector(OtherProjector, projectorType: "qwen2vl_merger");
        File.WriteAllText(NotGguf, "<html>this is a download error page, not a model</html>");
    }

    public string Folder { get; }

    public string Dense => Path.Combine(Folder, "glm4.gguf");

    public string Moe => Path.Combine(Folder, "glm4moe.gguf");

    public string TextOnly => Path.Combine(Folder, "glm4-text-only.gguf");

    public string Mmproj => Path.Combine(Folder, "mmproj-glm4v.gguf");

    public string MismatchedMmproj => Path.Combine(Folder, "mmproj-128.gguf");

    public string OtherProjector => Path.Combine(Folder, "mmproj-qwen.gguf");

    public string NotGguf => Path.Combine(Folder, "model.gguf.html");

    public LocalModelPaths Paths(string architecture) =>
        new(architecture == SyntheticGgufWriter.MoeArchitecture ? Moe : Dense, Mmproj);

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
