using System.Text;
using GlmMcp.Core;
using GlmMcp.Core.Security;

namespace GlmMcp.Core.Tests.Security;

public sealed class VerifiedFileTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("glm-verified-");
    private readonly DirectoryInfo _outside = Directory.CreateTempSubdirectory("glm-verified-outside-");

    [Fact]
    public void A_file_swapped_for_a_link_after_the_check_is_not_read()
    {
        var secret = Path.Join(_outside.FullName, "secret.png");
        File.WriteAllText(secret, "secret");
        var file = Path.Join(_root.FullName, "f.png");
        File.WriteAllText(file, "mine");
        var checkedPath = new AllowedRoots([_root.FullName]).ResolveExistingFile(file);
        File.Delete(file);
        File.CreateSymbolicLink(file, secret);

        var error = Assert.Throws<UserInputException>(() => VerifiedFile.OpenRead(checkedPath, "before"));

        Assert.Contains("'before' changed while it was being opened", error.Message);
        Assert.DoesNotContain(_outside.FullName, error.Message);
    }

    [Fact]
    public void A_folder_swapped_for_a_link_after_the_check_is_not_read()
    {
        File.WriteAllText(Path.Join(_outside.FullName, "secret.png"), "secret");
        var folder = Directory.CreateDirectory(Path.Join(_root.FullName, "img"));
        File.WriteAllText(Path.Join(folder.FullName, "secret.png"), "mine");
        var checkedPath = new AllowedRoots([_root.FullName]).ResolveExistingFile(Path.Join(folder.FullName, "secret.png"));
        folder.Delete(recursive: true);
        Directory.CreateSymbolicLink(folder.FullName, _outside.FullName);

        Assert.Throws<UserInputException>(() => VerifiedFile.OpenRead(checkedPath));
    }

    [Fact]
    public async Task A_checked_file_is_read_as_it_is()
    {
        var file = Path.Join(_root.FullName, "page.html");
        File.WriteAllText(file, "<p>hé</p>");

        Assert.Equal("<p>hé</p>", await VerifiedFile.ReadAllTextAsync(file, "path", CancellationToken.None));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_write_replaces_the_file_keeps_its_permissions_and_leaves_no_temporary_file()
    {
        var file = Path.Join(_root.FullName, "out.png");
        File.WriteAllText(file, "old");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        await VerifiedFile.WriteAsync(file, Encoding.UTF8.GetBytes("new"), "output_path", CancellationToken.None);

        Assert.Equal("new", File.ReadAllText(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal([file], Directory.GetFiles(_root.FullName));
    }

    [Fact]
    public async Task A_write_creates_missing_folders()
    {
        var file = Path.Join(_root.FullName, "a", "b", "index.html");

        await VerifiedFile.WriteAsync(file, Encoding.UTF8.GetBytes("<p>"), "output_path", CancellationToken.None);

        Assert.Equal("<p>", File.ReadAllText(file));
    }

    [Fact]
    public async Task A_target_swapped_for_a_link_after_the_check_is_not_written_through()
    {
        var secret = Path.Join(_outside.FullName, "secret.png");
        File.WriteAllText(secret, "untouched");
        var file = new AllowedRoots([_root.FullName]).ResolveOutputPath(Path.Join(_root.FullName, "w.png"));
        File.CreateSymbolicLink(file, secret);

        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            VerifiedFile.WriteAsync(file, Encoding.UTF8.GetBytes("overwritten"), "output_path", CancellationToken.None));

        Assert.Contains("'output_path' is a symbolic link", error.Message);
        Assert.Equal("untouched", File.ReadAllText(secret));
    }

    [Fact]
    public async Task A_folder_swapped_for_a_link_after_the_check_is_not_written_into()
    {
        var folder = Directory.CreateDirectory(Path.Join(_root.FullName, "out"));
        var file = new AllowedRoots([_root.FullName]).ResolveOutputPath(Path.Join(folder.FullName, "new.png"));
        folder.Delete();
        Directory.CreateSymbolicLink(folder.FullName, _outside.FullName);

        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            VerifiedFile.WriteAsync(file, Encoding.UTF8.GetBytes("x"), "output_path", CancellationToken.None));

        Assert.Contains("changed while it was being opened", error.Message);
        Assert.Empty(_outside.GetFileSystemInfos());
    }

    public void Dispose()
    {
        _root.Delete(recursive: true);
        _outside.Delete(recursive: true);
    }
}
