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

        Assert.Contains("outside the allowed roots", error.Message);
        Assert.DoesNotContain(_outside.FullName, error.Message);
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

    [Fact]
    public void A_link_that_points_through_another_link_to_outside_is_refused_for_reading()
    {
        File.WriteAllText(Path.Join(_outside.FullName, "secret.png"), "x");
        Directory.CreateSymbolicLink(Path.Join(_root.FullName, "inner"), _outside.FullName);
        var link = Path.Join(_root.FullName, "f.png");
        File.CreateSymbolicLink(link, Path.Join("inner", "secret.png"));

        var error = Assert.Throws<UserInputException>(() => new AllowedRoots([_root.FullName]).ResolveExistingFile(link, "before"));

        Assert.Contains("'before' is outside the allowed roots", error.Message);
        Assert.DoesNotContain(_outside.FullName, error.Message);
    }

    [Fact]
    public void A_link_that_points_through_another_link_to_outside_is_refused_for_writing()
    {
        Directory.CreateSymbolicLink(Path.Join(_root.FullName, "inner"), _outside.FullName);
        var link = Path.Join(_root.FullName, "w.png");
        File.CreateSymbolicLink(link, Path.Join("inner", "new.png"));

        var error = Assert.Throws<UserInputException>(() => new AllowedRoots([_root.FullName]).ResolveOutputPath(link));

        Assert.Contains("'output_path' is a symbolic link", error.Message);
        Assert.DoesNotContain(_outside.FullName, error.Message);
        Assert.Throws<UserInputException>(() => new AllowedRoots([_root.FullName]).ResolveOutputPath(Path.Join(_root.FullName, "inner", "new.png")));
    }

    [Fact]
    public void A_chain_of_links_that_stays_inside_the_root_resolves_to_the_real_file()
    {
        var real = Path.Join(_root.FullName, "assets", "logo.png");
        Directory.CreateDirectory(Path.GetDirectoryName(real)!);
        File.WriteAllText(real, "x");
        Directory.CreateSymbolicLink(Path.Join(_root.FullName, "a"), "assets");
        File.CreateSymbolicLink(Path.Join(_root.FullName, "b.png"), Path.Join("a", "logo.png"));
        File.CreateSymbolicLink(Path.Join(_root.FullName, "c.png"), Path.Join(_root.FullName, "b.png"));

        Assert.Equal(real, new AllowedRoots([_root.FullName]).ResolveExistingFile(Path.Join(_root.FullName, "c.png")));
    }

    [Fact]
    public void Dot_dot_inside_a_link_target_is_taken_from_where_the_link_led_and_cannot_leave_the_root()
    {
        var deep = Directory.CreateDirectory(Path.Join(_outside.FullName, "deep"));
        File.WriteAllText(Path.Join(_outside.FullName, "secret.png"), "x");
        Directory.CreateSymbolicLink(Path.Join(_root.FullName, "inner"), deep.FullName);
        File.CreateSymbolicLink(Path.Join(_root.FullName, "up.png"), Path.Join("inner", "..", "secret.png"));
        var roots = new AllowedRoots([_root.FullName]);

        Assert.Throws<UserInputException>(() => roots.ResolveExistingFile(Path.Join(_root.FullName, "up.png")));
        Assert.Throws<UserInputException>(() => roots.ResolveExistingFile(Path.Join(_root.FullName, "inner", "..", "..", _outside.Name, "secret.png")));
    }

    [Fact]
    public void An_output_path_that_is_a_link_is_refused_even_when_it_points_inside_the_root()
    {
        var real = Path.Join(_root.FullName, "real.png");
        File.WriteAllText(real, "keep");
        var link = Path.Join(_root.FullName, "alias.png");
        File.CreateSymbolicLink(link, real);

        var error = Assert.Throws<UserInputException>(() => new AllowedRoots([_root.FullName]).ResolveOutputPath(link));

        Assert.Contains("'output_path' is a symbolic link", error.Message);
    }

    [Fact]
    public void An_output_path_in_a_linked_folder_inside_the_root_resolves_to_the_real_folder()
    {
        var real = Directory.CreateDirectory(Path.Join(_root.FullName, "out"));
        Directory.CreateSymbolicLink(Path.Join(_root.FullName, "latest"), real.FullName);

        var resolved = new AllowedRoots([_root.FullName]).ResolveOutputPath(Path.Join(_root.FullName, "latest", "diff.png"));

        Assert.Equal(Path.Join(real.FullName, "diff.png"), resolved);
    }

    [Fact]
    public void A_folder_and_a_missing_path_outside_the_roots_get_the_same_answer()
    {
        var roots = new AllowedRoots([_root.FullName]);

        var folder = Assert.Throws<UserInputException>(() => roots.ResolveExistingFile(_outside.FullName));
        var missing = Assert.Throws<UserInputException>(() => roots.ResolveExistingFile(Path.Join(_outside.FullName, "nope")));

        Assert.Contains("outside the allowed roots", folder.Message);
        Assert.Contains("outside the allowed roots", missing.Message);
        Assert.DoesNotContain("folder, not a file", folder.Message);
    }

    [Fact]
    public void A_link_loop_inside_the_root_is_reported_as_a_loop()
    {
        File.CreateSymbolicLink(Path.Join(_root.FullName, "a.png"), "b.png");
        File.CreateSymbolicLink(Path.Join(_root.FullName, "b.png"), "a.png");

        var error = Assert.Throws<UserInputException>(() => new AllowedRoots([_root.FullName]).ResolveExistingFile(Path.Join(_root.FullName, "a.png")));

        Assert.Contains("more than 40 symbolic links", error.Message);
    }

    [Fact]
    public void A_path_ending_in_a_separator_names_a_folder_and_a_trailing_dot_stays_in_the_root()
    {
        var file = Path.Join(_root.FullName, "page.html");
        File.WriteAllText(file, "x");
        var roots = new AllowedRoots([_root.FullName]);

        Assert.Contains("ends with a path separator", Assert.Throws<UserInputException>(() => roots.ResolveExistingFile(file + "/")).Message);
        Assert.Contains("names a folder", Assert.Throws<UserInputException>(() => roots.ResolveOutputPath(file + "/")).Message);
        Assert.Contains("is a folder", Assert.Throws<UserInputException>(() => roots.ResolveExistingFile(_root.FullName + "/.")).Message);
    }

    [Fact]
    public void Doubled_separators_resolve_inside_the_root_and_cannot_lead_outside()
    {
        var file = Path.Join(_root.FullName, "page.html");
        File.WriteAllText(file, "x");
        File.WriteAllText(Path.Join(_outside.FullName, "secret.png"), "x");
        var roots = new AllowedRoots([_root.FullName]);

        Assert.Equal(file, roots.ResolveExistingFile(_root.FullName + "//page.html"));
        Assert.Throws<UserInputException>(() => roots.ResolveExistingFile("/" + _outside.FullName + "//secret.png"));
    }

    [Fact]
    public void The_root_itself_is_a_folder_for_reading_and_for_writing()
    {
        var roots = new AllowedRoots([_root.FullName]);

        Assert.Contains("is a folder", Assert.Throws<UserInputException>(() => roots.ResolveExistingFile(_root.FullName)).Message);
        Assert.Contains("is a folder", Assert.Throws<UserInputException>(() => roots.ResolveOutputPath(_root.FullName)).Message);
    }

    [Fact]
    public void A_very_long_path_is_refused_with_its_echo_cut_short()
    {
        var longPath = Path.Join(_root.FullName, new string('a', 5000));

        var error = Assert.Throws<UserInputException>(() => new AllowedRoots([_root.FullName]).ResolveExistingFile(longPath));

        Assert.Contains("paths are limited to 4,096", error.Message);
        Assert.True(error.Message.Length < 500, error.Message);
    }

    [Fact]
    public void A_file_name_longer_than_the_file_system_allows_is_not_found_rather_than_a_crash()
    {
        var error = Assert.Throws<UserInputException>(() =>
            new AllowedRoots([_root.FullName]).ResolveExistingFile(Path.Join(_root.FullName, new string('a', 300) + ".png")));

        Assert.Contains("file not found", error.Message);
    }

    [Fact]
    public void A_nul_character_is_refused_in_a_path_and_in_a_file_uri()
    {
        var roots = new AllowedRoots([_root.FullName]);

        Assert.Contains("NUL character", Assert.Throws<UserInputException>(() => roots.ResolveExistingFile(Path.Join(_root.FullName, "a.png\0../x"))).Message);
        Assert.Contains("NUL character", Assert.Throws<UserInputException>(() => roots.ResolveExistingFile(new Uri(_root.FullName).AbsoluteUri + "/a.png%00.txt")).Message);
    }

    [Fact]
    public void Network_and_device_paths_are_refused_everywhere()
    {
        var roots = new AllowedRoots([_root.FullName]);

        foreach (var path in new[] { @"\\server\share\secret.png", @"\\?\C:\secret.png", @"\\.\pipe\x" })
            Assert.Contains("network (UNC) or device path", Assert.Throws<UserInputException>(() => roots.ResolveExistingFile(path)).Message);
    }

    [Fact]
    public void File_uris_resolve_like_paths_and_one_naming_another_host_is_refused()
    {
        var file = Path.Join(_root.FullName, "my page.html");
        File.WriteAllText(file, "x");
        File.WriteAllText(Path.Join(_outside.FullName, "secret.png"), "x");
        var roots = new AllowedRoots([_root.FullName]);

        Assert.Equal(file, roots.ResolveExistingFile(new Uri(file).AbsoluteUri));
        Assert.Equal(file, roots.ResolveExistingFile("file://localhost" + new Uri(file).AbsolutePath));
        Assert.Contains("on another host", Assert.Throws<UserInputException>(() => roots.ResolveExistingFile("file://attacker.example/share/secret.png")).Message);
        var encoded = new Uri(_root.FullName).AbsoluteUri + "/%2e%2e/" + _outside.Name + "/secret.png";
        Assert.Contains("outside the allowed roots", Assert.Throws<UserInputException>(() => roots.ResolveExistingFile(encoded)).Message);
        var slashes = new Uri(_root.FullName).AbsoluteUri + "%2f..%2f" + _outside.Name + "%2fsecret.png";
        Assert.Throws<UserInputException>(() => roots.ResolveExistingFile(slashes));
    }

    [Fact]
    public void Windows_style_dot_dot_on_linux_is_a_file_name_that_never_leaves_the_root()
    {
        File.WriteAllText(Path.Join(_outside.FullName, "secret.png"), "x");
        var roots = new AllowedRoots([_root.FullName]);
        var previous = Directory.GetCurrentDirectory();

        var error = Assert.Throws<UserInputException>(() => roots.ResolveExistingFile(_root.FullName + @"/..\" + _outside.Name + @"\secret.png"));
        var drive = Assert.Throws<UserInputException>(() => roots.ResolveExistingFile(_root.FullName + @"/C:\..\..\secret.png"));

        Assert.Contains("file not found", error.Message);
        Assert.Contains("file not found", drive.Message);
        Assert.Equal(previous, Directory.GetCurrentDirectory());
    }

    [Fact]
    public void A_root_spelled_in_another_case_does_not_admit_files_on_a_case_sensitive_file_system()
    {
        var upper = Path.Join(Path.GetDirectoryName(_root.FullName), _root.Name.ToUpperInvariant());
        Directory.CreateDirectory(upper);
        File.WriteAllText(Path.Join(upper, "f.png"), "x");
        try
        {
            Assert.Throws<UserInputException>(() => new AllowedRoots([_root.FullName]).ResolveExistingFile(Path.Join(upper, "f.png")));
        }
        finally
        {
            Directory.Delete(upper, recursive: true);
        }
    }

    [Fact]
    public void A_root_that_is_itself_a_link_is_resolved_and_admits_paths_through_either_name()
    {
        var alias = Path.Join(_outside.FullName, "alias");
        Directory.CreateSymbolicLink(alias, _root.FullName);
        var file = Path.Join(_root.FullName, "page.html");
        File.WriteAllText(file, "x");
        var roots = new AllowedRoots([alias]);

        Assert.Equal(_root.FullName + Path.DirectorySeparatorChar, Assert.Single(roots.Roots));
        Assert.Equal(file, roots.ResolveExistingFile(Path.Join(alias, "page.html")));
    }

    [Fact]
    public void Intersecting_keeps_only_what_both_allow()
    {
        var inner = Directory.CreateDirectory(Path.Join(_root.FullName, "app"));
        var server = new AllowedRoots([_root.FullName]);

        Assert.Equal([inner.FullName + Path.DirectorySeparatorChar], server.Intersect(new AllowedRoots([inner.FullName])).Roots);
        Assert.Equal([_root.FullName + Path.DirectorySeparatorChar], server.Intersect(new AllowedRoots(["/"])).Roots);
        Assert.Empty(server.Intersect(new AllowedRoots([_outside.FullName])).Roots);
    }

    [Fact]
    public void Empty_roots_refuse_everything_and_say_why()
    {
        var file = Path.Join(_root.FullName, "page.html");
        File.WriteAllText(file, "x");

        var error = Assert.Throws<UserInputException>(() => new AllowedRoots([]).ResolveExistingFile(file));

        Assert.Contains("No folder is allowed", error.Message);
    }

    public void Dispose()
    {
        _root.Delete(recursive: true);
        _outside.Delete(recursive: true);
    }
}
