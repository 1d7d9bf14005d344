namespace GlmMcp.Inference.Models;

/// <summary>Opens <c>.part</c> files on the file system.</summary>
internal sealed class PartialFileOpener : IPartialFileOpener
{
    public Stream Open(string path, FileMode mode) =>
        new FileStream(path, mode, FileAccess.ReadWrite, FileShare.None, bufferSize: 0, FileOptions.Asynchronous);
}
