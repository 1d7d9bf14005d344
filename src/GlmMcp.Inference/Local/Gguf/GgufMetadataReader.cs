using System.Text;

namespace GlmMcp.Inference.Local.Gguf;

/// <summary>
/// Reads the header and metadata of a GGUF file (v2/v3) without touching the tensors, so a model can be checked
/// before the native loader spends seconds and gigabytes on it.
/// </summary>
public static class GgufMetadataReader
{
    private static readonly byte[] Magic = "GGUF"u8.ToArray();

    // Guards against a corrupt header asking for absurd allocations; real files stay far below.
    private const ulong MaxStringBytes = 64 * 1024 * 1024;
    private const ulong MaxKeys = 1_000_000;
    private const ulong MaxStoredArrayLength = 65_536;
    private const uint MaxDimensions = 4;

    /// <summary>ggml's alignment of the tensor data when <c>general.alignment</c> is absent.</summary>
    private const long DefaultAlignment = 32;

    /// <summary>True when the file starts with the GGUF magic.</summary>
    public static bool HasGgufMagic(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> head = stackalloc byte[4];
        return stream.ReadAtLeast(head, 4, throwOnEndOfStream: false) == 4 && head.SequenceEqual(Magic);
    }

    /// <exception cref="InvalidDataException">The file is not GGUF or its metadata is cut short.</exception>
    public static GgufMetadata Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var r = new BinaryReader(stream, Encoding.UTF8);
        return ReadMetadata(r, path);
    }

    /// <summary>
    /// The length the file must have to hold every tensor its header lists: the aligned end of the tensor infos plus
    /// the furthest tensor's offset and size. A file shorter than this was cut off (tensors of a type this reader
    /// does not know count from their offset only).
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not GGUF or its header is cut short.</exception>
    public static long RequiredLength(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var r = new BinaryReader(stream, Encoding.UTF8);
        var metadata = ReadMetadata(r, path);
        try
        {
            ulong end = 0;
            for (ulong i = 0; i < metadata.TensorCount; i++)
            {
                var name = ReadString(r);
                var dimensions = r.ReadUInt32();
                if (dimensions > MaxDimensions)
                    throw new InvalidDataException($"'{path}': tensor {name} claims {dimensions} dimensions: the file is corrupt.");
                ulong elements = 1;
                for (var d = 0; d < dimensions; d++)
                    elements = checked(elements * r.ReadUInt64());
                var type = r.ReadUInt32();
                var offset = r.ReadUInt64();
                end = Math.Max(end, checked(offset + GgmlTypeSizes.Bytes(type, elements)));
            }
            var alignment = (ulong)(metadata.GetInteger("general.alignment") is { } a and > 0 ? a : DefaultAlignment);
            var dataStart = ((ulong)stream.Position + alignment - 1) / alignment * alignment;
            return checked((long)(dataStart + end));
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"'{path}' ends inside its GGUF tensor list: the file is truncated.", e);
        }
        catch (OverflowException e)
        {
            throw new InvalidDataException($"'{path}' lists a tensor too large to exist: the file is corrupt.", e);
        }
    }

    private static GgufMetadata ReadMetadata(BinaryReader r, string path)
    {
        try
        {
            if (!r.ReadBytes(4).AsSpan().SequenceEqual(Magic))
                throw new InvalidDataException($"'{path}' is not a GGUF file (no GGUF magic).");
            var version = r.ReadUInt32();
            if (version is < 2 or > 3)
                throw new InvalidDataException($"'{path}' is GGUF version {version}; versions 2 and 3 are supported.");
            var tensorCount = r.ReadUInt64();
            var keyCount = r.ReadUInt64();
            if (keyCount > MaxKeys)
                throw new InvalidDataException($"'{path}' claims {keyCount} metadata keys: the file is corrupt.");

            var values = new Dictionary<string, object>(StringComparer.Ordinal);
            var arrayLengths = new Dictionary<string, ulong>(StringComparer.Ordinal);
            for (ulong i = 0; i < keyCount; i++)
            {
                var key = ReadString(r);
                var type = (GgufValueType)r.ReadUInt32();
                if (type == GgufValueType.Array)
                {
                    var (length, stored) = ReadArray(r);
                    arrayLengths[key] = length;
                    if (stored is not null)
                        values[key] = stored;
                }
                else
                {
                    values[key] = ReadScalar(r, type);
                }
            }

            return new GgufMetadata(version, tensorCount, values, arrayLengths);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"'{path}' ends inside its GGUF metadata: the file is truncated.", e);
        }
    }

    private static (ulong Length, object? Stored) ReadArray(BinaryReader r)
    {
        var elementType = (GgufValueType)r.ReadUInt32();
        var length = r.ReadUInt64();
        var store = length <= MaxStoredArrayLength && elementType is not (GgufValueType.String or GgufValueType.Array);
        var isFloat = elementType is GgufValueType.Float32 or GgufValueType.Float64;
        var longs = store && !isFloat ? new long[length] : null;
        var doubles = store && isFloat ? new double[length] : null;
        for (ulong i = 0; i < length; i++)
        {
            var v = ReadScalar(r, elementType);
            if (longs is not null)
                longs[i] = Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture);
            else if (doubles is not null)
                doubles[i] = Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture);
        }

        return (length, (object?)longs ?? doubles);
    }

    private static object ReadScalar(BinaryReader r, GgufValueType type) => type switch
    {
        GgufValueType.UInt8 => r.ReadByte(),
        GgufValueType.Int8 => r.ReadSByte(),
        GgufValueType.UInt16 => r.ReadUInt16(),
        GgufValueType.Int16 => r.ReadInt16(),
        GgufValueType.UInt32 => r.ReadUInt32(),
        GgufValueType.Int32 => r.ReadInt32(),
        GgufValueType.Float32 => r.ReadSingle(),
        GgufValueType.Bool => r.ReadByte() != 0,
        GgufValueType.String => ReadString(r),
        GgufValueType.UInt64 => r.ReadUInt64(),
        GgufValueType.Int64 => r.ReadInt64(),
        GgufValueType.Float64 => r.ReadDouble(),
        GgufValueType.Array => throw new InvalidDataException("Nested GGUF arrays are not supported."),
        _ => throw new InvalidDataException($"Unknown GGUF value type {(uint)type}: the file is corrupt."),
    };

    private static string ReadString(BinaryReader r)
    {
        var length = r.ReadUInt64();
        if (length > MaxStringBytes)
            throw new InvalidDataException($"A GGUF string claims {length} bytes: the file is corrupt.");
        return Encoding.UTF8.GetString(r.ReadBytes((int)length));
    }
}
