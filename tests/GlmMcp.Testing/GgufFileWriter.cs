using System.Text;

using GlmMcp.Inference.Local.Gguf;

namespace GlmMcp.Testing;

/// <summary>
/// Writes a GGUF v3 file (little-endian): header, metadata, tensor infos, then the F32 tensor data, each part
/// aligned to <see cref="Alignment"/>. Enough of the format to write small synthetic models; not a converter.
/// </summary>
public sealed class GgufFileWriter
{
    /// <summary>ggml's default <c>general.alignment</c>.</summary>
    public const int Alignment = 32;

    private const uint GgufVersion = 3;
    private const uint GgmlTypeF32 = 0;

    private readonly List<(string Key, GgufValueType Type, object Value)> _metadata = [];
    private readonly List<(string Name, long[] Dims, float[] Data)> _tensors = [];

    public GgufFileWriter Add(string key, string value) => AddEntry(key, GgufValueType.String, value);

    public GgufFileWriter Add(string key, uint value) => AddEntry(key, GgufValueType.UInt32, value);

    public GgufFileWriter Add(string key, int value) => AddEntry(key, GgufValueType.Int32, value);

    public GgufFileWriter Add(string key, float value) => AddEntry(key, GgufValueType.Float32, value);

    public GgufFileWriter Add(string key, bool value) => AddEntry(key, GgufValueType.Bool, value);

    public GgufFileWriter Add(string key, string[] values) => AddEntry(key, GgufValueType.Array, values);

    public GgufFileWriter Add(string key, int[] values) => AddEntry(key, GgufValueType.Array, values);

    public GgufFileWriter Add(string key, float[] values) => AddEntry(key, GgufValueType.Array, values);

    /// <summary>Adds an F32 tensor; <paramref name="dims"/> innermost first (ggml order).</summary>
    public GgufFileWriter AddTensor(string name, long[] dims, float[] data)
    {
        long count = 1;
        foreach (var d in dims)
            count *= d;
        if (count != data.Length)
            throw new ArgumentException($"Tensor {name} has {data.Length} values, its shape needs {count}.", nameof(data));
        _tensors.Add((name, dims, data));
        return this;
    }

    public void Write(string path)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write("GGUF"u8);
        w.Write(GgufVersion);
        w.Write((ulong)_tensors.Count);
        w.Write((ulong)_metadata.Count);
        foreach (var (key, type, value) in _metadata)
        {
            WriteString(w, key);
            w.Write((uint)type);
            WriteValue(w, type, value);
        }

        ulong offset = 0;
        foreach (var (name, dims, data) in _tensors)
        {
            WriteString(w, name);
            w.Write((uint)dims.Length);
            foreach (var d in dims)
                w.Write((ulong)d);
            w.Write(GgmlTypeF32);
            w.Write(offset);
            offset += (ulong)Align(data.Length * sizeof(float));
        }

        Pad(w);
        foreach (var (_, _, data) in _tensors)
        {
            foreach (var v in data)
                w.Write(v);
            Pad(w);
        }
    }

    private GgufFileWriter AddEntry(string key, GgufValueType type, object value)
    {
        _metadata.Add((key, type, value));
        return this;
    }

    private static void WriteValue(BinaryWriter w, GgufValueType type, object value)
    {
        switch (type)
        {
            case GgufValueType.String: WriteString(w, (string)value); break;
            case GgufValueType.UInt32: w.Write((uint)value); break;
            case GgufValueType.Int32: w.Write((int)value); break;
            case GgufValueType.Float32: w.Write((float)value); break;
            case GgufValueType.Bool: w.Write((bool)value ? (byte)1 : (byte)0); break;
            case GgufValueType.Array: WriteArray(w, value); break;
            default: throw new ArgumentOutOfRangeException(nameof(type), type, "Not written by this writer.");
        }
    }

    private static void WriteArray(BinaryWriter w, object value)
    {
        switch (value)
        {
            case string[] strings:
                w.Write((uint)GgufValueType.String);
                w.Write((ulong)strings.Length);
                foreach (var s in strings)
                    WriteString(w, s);
                break;
            case int[] ints:
                w.Write((uint)GgufValueType.Int32);
                w.Write((ulong)ints.Length);
                foreach (var i in ints)
                    w.Write(i);
                break;
            case float[] floats:
                w.Write((uint)GgufValueType.Float32);
                w.Write((ulong)floats.Length);
                foreach (var f in floats)
                    w.Write(f);
                break;
            default:
                throw new ArgumentException($"Arrays of {value.GetType()} are not written by this writer.", nameof(value));
        }
    }

    private static void WriteString(BinaryWriter w, string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        w.Write((ulong)bytes.Length);
        w.Write(bytes);
    }

    private static long Align(long n) => (n + Alignment - 1) / Alignment * Alignment;

    private static void Pad(BinaryWriter w)
    {
        var position = w.BaseStream.Position;
        for (var i = position; i < Align(position); i++)
            w.Write((byte)0);
    }
}
