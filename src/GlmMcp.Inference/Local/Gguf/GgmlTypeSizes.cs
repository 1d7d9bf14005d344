namespace GlmMcp.Inference.Local.Gguf;

/// <summary>Bytes per block and elements per block of the ggml tensor types (ggml.c <c>type_traits</c>).</summary>
internal static class GgmlTypeSizes
{
    private const int QK = 32;
    private const int QKK = 256;

    private static readonly Dictionary<uint, (int BlockElements, int BlockBytes)> Sizes = new()
    {
        [0] = (1, 4), // F32
        [1] = (1, 2), // F16
        [2] = (QK, 18), // Q4_0
        [3] = (QK, 20), // Q4_1
        [6] = (QK, 22), // Q5_0
        [7] = (QK, 24), // Q5_1
        [8] = (QK, 34), // Q8_0
        [9] = (QK, 36), // Q8_1
        [10] = (QKK, 84), // Q2_K
        [11] = (QKK, 110), // Q3_K
        [12] = (QKK, 144), // Q4_K
        [13] = (QKK, 176), // Q5_K
        [14] = (QKK, 210), // Q6_K
        [15] = (QKK, 292), // Q8_K
        [16] = (QKK, 66), // IQ2_XXS
        [17] = (QKK, 74), // IQ2_XS
        [18] = (QKK, 98), // IQ3_XXS
        [19] = (QKK, 50), // IQ1_S
        [20] = (QK, 18), // IQ4_NL
        [21] = (QKK, 110), // IQ3_S
        [22] = (QKK, 82), // IQ2_S
        [23] = (QKK, 136), // IQ4_XS
        [24] = (1, 1), // I8
        [25] = (1, 2), // I16
        [26] = (1, 4), // I32
        [27] = (1, 8), // I64
        [28] = (1, 8), // F64
        [29] = (QKK, 56), // IQ1_M
        [30] = (1, 2), // BF16
        [34] = (QKK, 54), // TQ1_0
        [35] = (QKK, 66), // TQ2_0
        [39] = (QK, 17), // MXFP4
    };

    /// <summary>The bytes <paramref name="elements"/> values of <paramref name="type"/> take; 0 for a type not known here.</summary>
    public static ulong Bytes(uint type, ulong elements) =>
        Sizes.TryGetValue(type, out var size) ? checked((elements + (ulong)size.BlockElements - 1) / (ulong)size.BlockElements * (ulong)size.BlockBytes) : 0;
}
