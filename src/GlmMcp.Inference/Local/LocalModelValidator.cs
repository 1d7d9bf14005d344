using GlmMcp.Core;
using GlmMcp.Inference.Local.Gguf;

namespace GlmMcp.Inference.Local;

/// <summary>
/// Checks a text GGUF + mmproj pair from their headers before the native loader sees them, and refuses what would
/// fail or silently give wrong answers: a non-GGUF file, an unsupported architecture, an old text-only conversion
/// without M-RoPE sections, a missing mmproj, an mmproj that is not <c>glm4v</c> or belongs to another model.
/// </summary>
public static class LocalModelValidator
{
    public const string ProjectorType = "glm4v";

    /// <summary>Where the right files are published (docs/glm-format.md, "The two models").</summary>
    public const string WhereToGet =
        "Get the GLM-4.6V-Flash text GGUF and its mmproj from ggml-org/GLM-4.6V-Flash-GGUF " +
        "(or unsloth/GLM-4.6V-Flash-GGUF; GLM-4.6V: unsloth/GLM-4.6V-GGUF), or run `glm-mcp pull`.";

    private static readonly string[] Architectures = ["glm4", "glm4moe"];

    /// <exception cref="UserInputException">The pair cannot be used; the message says which file to get.</exception>
    public static LocalModelInfo Validate(LocalModelPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var text = ReadGguf(paths.ModelPath, "text model");
        var arch = text.GetString("general.architecture") ?? string.Empty;
        if (arch == "clip")
        {
            throw new UserInputException(
                $"'{paths.ModelPath}' is a vision projector (mmproj), not the text model: pass it as the mmproj. {WhereToGet}");
        }

        if (!Architectures.Contains(arch))
        {
            throw new UserInputException(
                $"'{paths.ModelPath}' is a '{arch}' model; the local engine runs GLM-4.6V-Flash (glm4) and GLM-4.6V (glm4moe). {WhereToGet}");
        }

        var sections = text.GetIntegerArray($"{arch}.rope.dimension_sections");
        if (sections is null || sections.All(s => s == 0))
        {
            throw new UserInputException(
                $"'{paths.ModelPath}' is an old text-only conversion: it has no {arch}.rope.dimension_sections (M-RoPE), " +
                $"so images would give wrong results. {WhereToGet}");
        }

        var embedding = text.GetInteger($"{arch}.embedding_length")
            ?? throw new UserInputException($"'{paths.ModelPath}' lacks {arch}.embedding_length: the file is damaged. {WhereToGet}");

        if (string.IsNullOrWhiteSpace(paths.MmprojPath))
        {
            throw new UserInputException(
                $"No mmproj (vision projector) is given for '{paths.ModelPath}': GLM-4.6V needs the mmproj GGUF from the " +
                $"same repository as the text model (set {LocalEngineOptions.SectionName}:MmprojPath or --mmproj). {WhereToGet}");
        }

        var mmproj = ReadGguf(paths.MmprojPath, "mmproj");
        var projector = mmproj.GetString("clip.projector_type") ?? mmproj.GetString("clip.vision.projector_type");
        if (mmproj.GetString("general.architecture") != "clip" || projector != ProjectorType)
        {
            throw new UserInputException(
                $"'{paths.MmprojPath}' is not a GLM-4.6V vision projector (projector type '{projector ?? "none"}', expected " +
                $"'{ProjectorType}'). {WhereToGet}");
        }

        var projection = mmproj.GetInteger("clip.vision.projection_dim");
        if (projection != embedding)
        {
            throw new UserInputException(
                $"'{paths.MmprojPath}' projects to {projection?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "an unknown size"} " +
                $"but '{paths.ModelPath}' has embedding length {embedding}: the mmproj belongs to another model. " +
                $"Use the mmproj from the same repository as the text model. {WhereToGet}");
        }

        return new LocalModelInfo(paths.ModelPath, paths.MmprojPath, arch, embedding,
            text.GetInteger($"{arch}.block_count") ?? 0, text.GetInteger($"{arch}.context_length") ?? 0, sections, projector);
    }

    private static GgufMetadata ReadGguf(string path, string role)
    {
        if (!File.Exists(path))
            throw new UserInputException($"The {role} file '{path}' does not exist. {WhereToGet}");
        try
        {
            return GgufMetadataReader.Read(path);
        }
        catch (InvalidDataException e)
        {
            throw new UserInputException($"The {role} file '{path}' is not a usable GGUF model: {e.Message} {WhereToGet}", e);
        }
    }
}
