namespace GlmMcp.Inference.Local.Gguf;

/// <summary>
/// The header and metadata of a GGUF file. Scalars are stored as their CLR type; numeric arrays as
/// <c>long[]</c>/<c>double[]</c>; string arrays (the vocabulary) only as their length, in <see cref="ArrayLengths"/>.
/// </summary>
public sealed class GgufMetadata(uint version, ulong tensorCount, IReadOnlyDictionary<string, object> values,
    IReadOnlyDictionary<string, ulong> arrayLengths)
{
    public uint Version { get; } = version;

    public ulong TensorCount { get; } = tensorCount;

    public IReadOnlyDictionary<string, object> Values { get; } = values;

    public IReadOnlyDictionary<string, ulong> ArrayLengths { get; } = arrayLengths;

    public bool Contains(string key) => Values.ContainsKey(key) || ArrayLengths.ContainsKey(key);

    public string? GetString(string key) => Values.TryGetValue(key, out var v) ? v as string : null;

    public long? GetInteger(string key) => Values.TryGetValue(key, out var v) ? v switch
    {
        byte b => b,
        sbyte sb => sb,
        ushort us => us,
        short s => s,
        uint ui => ui,
        int i => i,
        ulong ul => (long)ul,
        long l => l,
        _ => null,
    } : null;

    public IReadOnlyList<long>? GetIntegerArray(string key) => Values.TryGetValue(key, out var v) ? v as long[] : null;
}
