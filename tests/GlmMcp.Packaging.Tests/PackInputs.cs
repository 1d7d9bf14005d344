using System.Security.Cryptography;
using System.Text;

namespace GlmMcp.Packaging.Tests;

/// <summary>
/// The files <c>dotnet pack</c> of the server reads from a checkout: the root build files and every file under src/,
/// third_party/ and packaging/, less build outputs (bin/, obj/) and node_modules/. <see cref="Key"/> hashes their paths
/// and contents, so it changes when any of them is edited, added, renamed or removed; <see cref="MirrorTo"/> keeps a
/// copy of them in step, touching only what changed, so an MSBuild build there stays incremental.
/// </summary>
public sealed class PackInputs
{
    private static readonly string[] _rootFiles = ["Directory.Build.props", "Directory.Packages.props", "global.json"];
    private static readonly string[] _folders = ["src", "third_party", "packaging"];
    private static readonly string[] _skipped = ["bin", "obj", "node_modules"];

    public PackInputs(string root)
    {
        Root = root;
        Files = List(root);
    }

    public string Root { get; }

    /// <summary>The input files, relative to <see cref="Root"/> with '/' separators, in ordinal order.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>A hex SHA-256 of <paramref name="settings"/> (the SDK version, the pack arguments) and of every input's path and content.</summary>
    public string Key(params string[] settings)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var setting in settings)
            Append(hash, "setting", setting);
        foreach (var file in Files)
        {
            Append(hash, "file", file);
            hash.AppendData(SHA256.HashData(File.ReadAllBytes(Path.Join(Root, file))));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// Makes <paramref name="destination"/> hold exactly the inputs: copies the new and changed ones (stamped now, so a
    /// build there sees them as newer than its outputs), deletes inputs that are gone, and leaves unchanged files and
    /// the destination's own bin/, obj/ and node_modules/ alone.
    /// </summary>
    public void MirrorTo(string destination)
    {
        foreach (var file in Files)
        {
            var from = Path.Join(Root, file);
            var to = Path.Join(destination, file);
            if (File.Exists(to) && SameContent(from, to))
                continue;
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from, to, overwrite: true);
            File.SetLastWriteTimeUtc(to, DateTime.UtcNow);
        }
        var wanted = Files.ToHashSet(StringComparer.Ordinal);
        foreach (var stale in List(destination).Where(f => !wanted.Contains(f)))
            File.Delete(Path.Join(destination, stale));
    }

    private static List<string> List(string root)
    {
        var files = _rootFiles.Where(f => File.Exists(Path.Join(root, f))).ToList();
        foreach (var folder in _folders.Select(f => Path.Join(root, f)).Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
                if (!relative.Split('/').Any(part => _skipped.Contains(part)))
                    files.Add(relative);
            }
        }
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private static bool SameContent(string a, string b) =>
        new FileInfo(a).Length == new FileInfo(b).Length && File.ReadAllBytes(a).AsSpan().SequenceEqual(File.ReadAllBytes(b));

    private static void Append(IncrementalHash hash, string kind, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        hash.AppendData(Encoding.UTF8.GetBytes($"{kind}:{bytes.Length}:"));
        hash.AppendData(bytes);
    }
}
