namespace GlmMcp.Inference.Models;

/// <summary>Reads free space from the file system.</summary>
internal sealed class DriveFreeSpaceProbe : IFreeSpaceProbe
{
    public long? AvailableBytes(string folder)
    {
        try
        {
            return new DriveInfo(Path.GetFullPath(folder)).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
