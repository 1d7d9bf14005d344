using GlmMcp.Core;
using GlmMcp.Core.Security;

namespace GlmMcp.Core.Tests.Security;

public sealed class AllowedRootsTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("glm-roots-");
    private readonly DirectoryInfo _outside = Directory.CreateTempSubdirectory("glm-outside-");

    [Fact]
    public void A_file_under_a_root_resolves_to_its_full_path()
    {
        var file = Path.Join(_root.FullName, "page.html");
        File.WriteAllText(file, "<p>hi</p>");

        var resolved = new AllowedRoots([_root.FullName]).ResolveExistingFile(file);

        Assert.Equal(file, resolved);
    }

    [Fact]
    public void A_file_outside_every_root_is_refused_with_the_roots_named()
    {
        var file = Path.Join(_outside.FullName, "secret.txt");
        File.WriteAllText(file, "x");

        var error = Assert.Throws<UserInputException>(() => new AllowedRoots([_root.FullName]).ResolveExistingFile(file));

        Assert.Contains("outside the allowed roots", error.Message);
        Assert.Contains(_root.FullName, error.Message);
    }

    [Fact]
    public void A_dot_dot_path_that_leaves_the_root_is_refused()
    {
        File.WriteAllText(Path.Join(_outside.FullName, "secret.txt"), "x");
        var sneaky = Path.Join(_root.FullName, "..", _outside.Name, "secret.txt");

        Assert.Throws<UserInputException>(() => new AllowedRoots([_root.FullName]).ResolveExistingFile(sneaky));
    }

    [Fact]
    public void A_symlink_inside_the_root_that_points_outside_is_refused()
    {
        var target = Path.Join(_outside.FullName, "secret.txt");
        File.WriteAllText(target, "x");
        var link = Path.Join(_root.FullName, "link.txt");
        File.CreateSymbolicLink(link, target);

        var error = Assert.Throws<UserInputException>(() => new AllowedRoots([_root.FullName]).ResolveExistingFile(link));

        Assert.Contains(target, error.Message);
    }

    [Fact]
    public void A_symlinked_folder_inside_the_root_that_points_outside_is_refused()
    {
        File.WriteAllText(Path.Join(_outside.FullName, "secret.txt"), "x");
        Directory.CreateSymbolicLink(Path.Join(_root.FullName, "dir"), _outside.FullName);

        Assert.Throws<UserInputException>(() =>
            new AllowedRoots([_root.FullName]).ResolveExistingFile(Path.Join(_root.FullName, "dir", "secret.txt")));
    }

    [Fact]
    public void A_missing_file_under_a_root_is_reported_as_not_found()
    {
        var error = Assert.Throws<UserInputException>(() =>
            new AllowedRoots([_root.FullName]).ResolveExistingFile(Path.Join(_root.FullName, "nope.png"), "before"));

        Assert.Contains("'before': file not found", error.Message);
    }

    [Fact]
    public void A_root_that_is_a_prefix_of_a_sibling_folder_does_not_admit_the_sibling()
    {
        var sibling = _root.FullName + "-sibling";
        Directory.CreateDirectory(sibling);
        File.WriteAllText(Path.Join(sibling, "f.txt"), "x");
        try
        {
            Assert.Throws<UserInputException>(() => new AllowedRoots([_root.FullName]).ResolveExistingFile(Path.Join(sibling, "f.txt")));
        }
        finally
        {
            Directory.Delete(sibling, recursive: true);
        }
    }

    [Fact]
    public void An_output_path_under_a_root_is_accepted_and_outside_is_refused()
    {
        var roots = new AllowedRoots([_root.FullName]);

        Assert.Equal(Path.Join(_root.FullName, "out.png"), roots.ResolveOutputPath(Path.Join(_root.FullName, "out.png")));
        Assert.Throws<UserInputException>(() => roots.ResolveOutputPath(Path.Join(_outside.FullName, "out.png")));
    }

    public void Dispose()
    {
        _root.Delete(recursive: true);
        _outside.Delete(recursive: true);
    }
}
