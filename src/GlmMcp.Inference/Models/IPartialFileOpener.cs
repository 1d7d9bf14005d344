namespace GlmMcp.Inference.Models;

/// <summary>Opens the <c>.part</c> file a download is written to (injectable so a test can play a disk that fills up
/// mid-download, which no test machine can make for real).</summary>
public interface IPartialFileOpener
{
    /// <summary>A readable, writable, seekable stream over <paramref name="path"/>, opened with <paramref name="mode"/>
    /// and no sharing (a second pull of the same file fails instead of interleaving bytes).</summary>
    Stream Open(string path, FileMode mode);
}
