using GlmMcp.Inference.Local.Gguf;

namespace GlmMcp.Testing;

/// <summary>
/// Writes tiny GLM-4.6V-shaped GGUF files with random weights (docs/tiny-gguf.md): a <c>glm4</c>
/// (GLM-4.6V-Flash shape) or <c>glm4moe</c> (GLM-4.6V shape) text model and a <c>glm4v</c> mmproj. Their output is
/// noise; they exist so that the real native load / image encode / generate path runs without the real weights
/// (in the tests and in <c>glm-mcp-bench engine</c>).
/// </summary>
public static class SyntheticGgufWriter
{
    public const string DenseArchitecture = "glm4";
    public const string MoeArchitecture = "glm4moe";
    public const int EmbeddingLength = 64;

    private const int BlockCount = 2;
    private const int HeadCount = 4;
    private const int KvHeadCount = 2;
    private const int HeadDim = EmbeddingLength / HeadCount;
    private const int FeedForwardLength = 128;
    private const int ContextLength = 4096;
    private const int ExpertCount = 4;
    private const int ExpertFeedForwardLength = 32;
    private const float WeightRange = 0.02f;
    private const int Seed = 42;

    private const int VisionWidth = 32;
    private const int VisionFeedForward = 64;
    private const int PatchSize = 14;
    private const int VisionImageSize = 112;

    private static readonly string[] SpecialTokens =
    [
        "<|endoftext|>", "[MASK]", "[gMASK]", "[sMASK]", "<sop>", "<eop>", "<|system|>", "<|user|>", "<|assistant|>",
        "<|observation|>", "<|begin_of_image|>", "<|end_of_image|>", "<|begin_of_video|>", "<|end_of_video|>",
        "<think>", "</think>", "<|image|>", "<tool_call>", "</tool_call>",
    ];

    // CLIP normalisation of the GLM-V image processor (docs/glm-format.md, "Image preprocessing").
    private static readonly float[] ImageMean = [0.48145466f, 0.4578275f, 0.40821073f];
    private static readonly float[] ImageStd = [0.26862954f, 0.26130258f, 0.27577711f];

    /// <summary>Writes a text model of <paramref name="architecture"/> (<c>glm4</c> or <c>glm4moe</c>).</summary>
    /// <param name="withMRopeSections">false writes the old text-only conversion shape (no <c>rope.dimension_sections</c>).</param>
    public static void WriteTextModel(string path, string architecture = DenseArchitecture, bool withMRopeSections = true)
    {
        if (architecture is not (DenseArchitecture or MoeArchitecture))
            throw new ArgumentException($"Unknown synthetic architecture '{architecture}'.", nameof(architecture));

        var random = new Random(Seed);
        var tokens = ByteLevelSymbols().Concat(SpecialTokens).ToArray();
        var vocab = tokens.Length;
        var tokenTypes = tokens.Select((_, i) => i < 256 ? 1 : 3).ToArray();
        int Id(string token) => Array.IndexOf(tokens, token);

        var a = architecture;
        var w = new GgufFileWriter()
            .Add("general.architecture", a)
            .Add("general.name", $"synthetic {a}")
            .Add("general.alignment", (uint)GgufFileWriter.Alignment)
            .Add($"{a}.context_length", (uint)ContextLength)
            .Add($"{a}.embedding_length", (uint)EmbeddingLength)
            .Add($"{a}.block_count", (uint)BlockCount)
            .Add($"{a}.feed_forward_length", (uint)FeedForwardLength)
            .Add($"{a}.attention.head_count", (uint)HeadCount)
            .Add($"{a}.attention.head_count_kv", (uint)KvHeadCount)
            .Add($"{a}.attention.layer_norm_rms_epsilon", 1e-5f)
            .Add($"{a}.rope.dimension_count", (uint)(HeadDim / 2))
            .Add($"{a}.rope.freq_base", 10000f);
        if (withMRopeSections)
            w.Add($"{a}.rope.dimension_sections", new[] { 2, 3, 3, 0 });
        if (a == MoeArchitecture)
        {
            w.Add($"{a}.expert_count", (uint)ExpertCount)
                .Add($"{a}.expert_used_count", 2u)
                .Add($"{a}.expert_shared_count", 1u)
                .Add($"{a}.leading_dense_block_count", 1u)
                .Add($"{a}.expert_feed_forward_length", (uint)ExpertFeedForwardLength)
                .Add($"{a}.expert_weights_scale", 1.0f)
                .Add($"{a}.expert_weights_norm", true)
                .Add($"{a}.expert_gating_func", 2u)
                .Add($"{a}.nextn_predict_layers", 0u);
        }

        w.Add("tokenizer.ggml.model", "gpt2")
            .Add("tokenizer.ggml.pre", "glm4")
            .Add("tokenizer.ggml.tokens", tokens)
            .Add("tokenizer.ggml.token_type", tokenTypes)
            .Add("tokenizer.ggml.merges", Array.Empty<string>())
            .Add("tokenizer.ggml.eos_token_id", (uint)Id("<|endoftext|>"))
            .Add("tokenizer.ggml.padding_token_id", (uint)Id("<|endoftext|>"))
            .Add("tokenizer.ggml.bos_token_id", (uint)Id("[gMASK]"))
            .Add("tokenizer.ggml.add_bos_token", false)
            .Add("tokenizer.ggml.eot_token_ids", new[] { Id("<|user|>"), Id("<|observation|>") })
            .Add("tokenizer.chat_template",
                "[gMASK]<sop>{% for m in messages %}<|{{ m.role }}|>\n{{ m.content }}{% endfor %}<|assistant|>\n");

        const int e = EmbeddingLength;
        const int kv = KvHeadCount * HeadDim;
        w.AddTensor("token_embd.weight", [e, vocab], Uniform(random, e * vocab))
            .AddTensor("output_norm.weight", [e], Ones(e))
            .AddTensor("output.weight", [e, vocab], Uniform(random, e * vocab));
        for (var layer = 0; layer < BlockCount; layer++)
        {
            var p = $"blk.{layer}.";
            w.AddTensor(p + "attn_norm.weight", [e], Ones(e))
                .AddTensor(p + "attn_q.weight", [e, e], Uniform(random, e * e))
                .AddTensor(p + "attn_k.weight", [e, kv], Uniform(random, e * kv))
                .AddTensor(p + "attn_v.weight", [e, kv], Uniform(random, e * kv))
                .AddTensor(p + "attn_q.bias", [e], new float[e])
                .AddTensor(p + "attn_k.bias", [kv], new float[kv])
                .AddTensor(p + "attn_v.bias", [kv], new float[kv])
                .AddTensor(p + "attn_output.weight", [e, e], Uniform(random, e * e))
                .AddTensor(p + "post_attention_norm.weight", [e], Ones(e));
            if (a == DenseArchitecture)
                AddDenseGlm4Ffn(w, random, p);
            else if (layer == 0)
                AddLeadingDenseFfn(w, random, p);
            else
                AddMoeFfn(w, random, p);
        }

        w.Write(path);
    }

    /// <summary>Writes a vision projector; <paramref name="projectionDim"/> must match the text model to load.</summary>
    public static void WriteVisionProjector(string path, int projectionDim = EmbeddingLength, string projectorType = "glm4v")
    {
        var random = new Random(Seed + 1);
        const int ve = VisionWidth;
        const int ps = PatchSize;
        var pe = projectionDim;
        var patches = (VisionImageSize / PatchSize) * (VisionImageSize / PatchSize);
        var w = new GgufFileWriter()
            .Add("general.architecture", "clip")
            .Add("general.name", "synthetic glm4v mmproj")
            .Add("general.alignment", (uint)GgufFileWriter.Alignment)
            .Add("clip.has_vision_encoder", true)
            .Add("clip.has_text_encoder", false)
            .Add("clip.projector_type", projectorType)
            .Add("clip.vision.projector_type", projectorType)
            .Add("clip.vision.image_size", (uint)VisionImageSize)
            .Add("clip.vision.patch_size", (uint)PatchSize)
            .Add("clip.vision.embedding_length", (uint)ve)
            .Add("clip.vision.feed_forward_length", (uint)VisionFeedForward)
            .Add("clip.vision.block_count", 1u)
            .Add("clip.vision.attention.head_count", 2u)
            .Add("clip.vision.attention.layer_norm_epsilon", 1e-5f)
            .Add("clip.vision.projection_dim", (uint)pe)
            .Add("clip.vision.spatial_merge_size", 2u)
            .Add("clip.vision.image_mean", ImageMean)
            .Add("clip.vision.image_std", ImageStd)
            .Add("clip.use_silu", true);

        w.AddTensor("v.patch_embd.weight", [ps, ps, 3, ve], Uniform(random, ps * ps * 3 * ve))
            .AddTensor("v.patch_embd.weight.1", [ps, ps, 3, ve], Uniform(random, ps * ps * 3 * ve))
            .AddTensor("v.patch_embd.bias", [ve], new float[ve])
            .AddTensor("v.position_embd.weight", [ve, patches], Uniform(random, ve * patches));
        const string b = "v.blk.0.";
        w.AddTensor(b + "ln1.weight", [ve], Ones(ve))
            .AddTensor(b + "ln2.weight", [ve], Ones(ve));
        foreach (var name in new[] { "attn_q", "attn_k", "attn_v", "attn_out" })
        {
            w.AddTensor($"{b}{name}.weight", [ve, ve], Uniform(random, ve * ve))
                .AddTensor($"{b}{name}.bias", [ve], new float[ve]);
        }

        w.AddTensor(b + "ffn_up.weight", [ve, VisionFeedForward], Uniform(random, ve * VisionFeedForward))
            .AddTensor(b + "ffn_gate.weight", [ve, VisionFeedForward], Uniform(random, ve * VisionFeedForward))
            .AddTensor(b + "ffn_down.weight", [VisionFeedForward, ve], Uniform(random, VisionFeedForward * ve))
            .AddTensor("v.post_ln.weight", [ve], Ones(ve))
            .AddTensor("mm.model.fc.weight", [pe, pe], Uniform(random, pe * pe))
            .AddTensor("mm.post_norm.weight", [pe], Ones(pe))
            .AddTensor("mm.post_norm.bias", [pe], new float[pe])
            .AddTensor("mm.patch_merger.weight", [2, 2, ve, pe], Uniform(random, 4 * ve * pe))
            .AddTensor("mm.patch_merger.bias", [pe], new float[pe])
            .AddTensor("mm.up.weight", [pe, 2 * pe], Uniform(random, 2 * pe * pe))
            .AddTensor("mm.gate.weight", [pe, 2 * pe], Uniform(random, 2 * pe * pe))
            .AddTensor("mm.down.weight", [2 * pe, pe], Uniform(random, 2 * pe * pe));
        w.Write(path);
    }

    private static void AddDenseGlm4Ffn(GgufFileWriter w, Random random, string p)
    {
        const int e = EmbeddingLength;
        w.AddTensor(p + "ffn_norm.weight", [e], Ones(e))
            .AddTensor(p + "ffn_up.weight", [e, 2 * FeedForwardLength], Uniform(random, e * 2 * FeedForwardLength))
            .AddTensor(p + "ffn_down.weight", [FeedForwardLength, e], Uniform(random, FeedForwardLength * e))
            .AddTensor(p + "post_ffw_norm.weight", [e], Ones(e));
    }

    private static void AddLeadingDenseFfn(GgufFileWriter w, Random random, string p)
    {
        const int e = EmbeddingLength;
        const int ff = FeedForwardLength;
        w.AddTensor(p + "ffn_gate.weight", [e, ff], Uniform(random, e * ff))
            .AddTensor(p + "ffn_up.weight", [e, ff], Uniform(random, e * ff))
            .AddTensor(p + "ffn_down.weight", [ff, e], Uniform(random, ff * e));
    }

    private static void AddMoeFfn(GgufFileWriter w, Random random, string p)
    {
        const int e = EmbeddingLength;
        const int eff = ExpertFeedForwardLength;
        const int ne = ExpertCount;
        w.AddTensor(p + "ffn_gate_inp.weight", [e, ne], Uniform(random, e * ne))
            .AddTensor(p + "exp_probs_b.bias", [ne], new float[ne])
            .AddTensor(p + "ffn_gate_exps.weight", [e, eff, ne], Uniform(random, e * eff * ne))
            .AddTensor(p + "ffn_up_exps.weight", [e, eff, ne], Uniform(random, e * eff * ne))
            .AddTensor(p + "ffn_down_exps.weight", [eff, e, ne], Uniform(random, eff * e * ne))
            .AddTensor(p + "ffn_gate_shexp.weight", [e, eff], Uniform(random, e * eff))
            .AddTensor(p + "ffn_up_shexp.weight", [e, eff], Uniform(random, e * eff))
            .AddTensor(p + "ffn_down_shexp.weight", [eff, e], Uniform(random, eff * e));
    }

    /// <summary>The 256 byte-level BPE symbols in GPT-2's <c>bytes_to_unicode</c> order.</summary>
    private static IEnumerable<string> ByteLevelSymbols()
    {
        var printable = new List<int>();
        printable.AddRange(Enumerable.Range('!', '~' - '!' + 1));
        printable.AddRange(Enumerable.Range('¡', '¬' - '¡' + 1));
        printable.AddRange(Enumerable.Range('®', 'ÿ' - '®' + 1));
        foreach (var b in printable)
            yield return ((char)b).ToString();
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            if (!printable.Contains(b))
                yield return ((char)next++).ToString();
        }
    }

    private static float[] Uniform(Random random, int count)
    {
        var data = new float[count];
        for (var i = 0; i < count; i++)
            data[i] = (float)((random.NextDouble() * 2 - 1) * WeightRange);
        return data;
    }

    private static float[] Ones(int count)
    {
        var data = new float[count];
        Array.Fill(data, 1f);
        return data;
    }
}
