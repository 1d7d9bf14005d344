namespace GlmMcp.Inference.Models;

/// <summary>How much room the disk under a folder has (injectable so a test can play a full disk).</summary>
public interface IFreeSpaceProbe
{
    /// <summary>Bytes available to this user on the volume holding <paramref name="folder"/>; null when unknown.</summary>
    long? AvailableBytes(string folder);
}
