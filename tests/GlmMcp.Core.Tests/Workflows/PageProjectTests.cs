using GlmMcp.Core;
using GlmMcp.Core.Security;
using GlmMcp.Core.Workflows.ScreenshotToCode;

namespace GlmMcp.Core.Tests.Workflows;

public sealed class PageProjectTests
{
    [Fact]
    public void Every_file_a_project_writes_is_one_its_stack_declares_so_all_are_checked_before_writing()
    {
        foreach (var stack in PageStacks.All)
        {
            var code = stack switch
            {
                PageStacks.React => "export default function App() { return <p />; }",
                PageStacks.Vue => "<template><p /></template>",
                _ => "<html><head><style>p{color:red}</style></head><body><p>x</p></body></html>",
            };
            var files = PageProject.Files(code, stack).Select(f => f.Path).ToList();
            Assert.NotEmpty(files);
            Assert.All(files, path => Assert.Contains(path, PageProject.Paths(stack)));
        }
    }

    [Fact]
    public void Only_plain_style_blocks_move_to_styles_css_and_one_link_takes_the_first_ones_place()
    {
        const string page = "<html><head><style>a{color:red}</style><style media=\"print\">a{color:black}</style></head>" +
                            "<body><style type=\"text/css\">b{margin:0}</style><b>x</b></body></html>";

        var files = PageProject.Files(page, PageStacks.Html);

        Assert.Equal("<html><head><link rel=\"stylesheet\" href=\"styles.css\"><style media=\"print\">a{color:black}</style></head><body><b>x</b></body></html>",
            files.Single(f => f.Path == "index.html").Content);
        Assert.Equal("a{color:red}\nb{margin:0}\n", files.Single(f => f.Path == "styles.css").Content);
    }

    [Fact]
    public void A_page_without_style_blocks_is_written_as_index_html_alone()
    {
        var files = PageProject.Files("<p style=\"color:red\">x</p>", PageStacks.Html);

        Assert.Equal("index.html", Assert.Single(files).Path);
    }

    [Fact]
    public void A_project_folder_outside_the_roots_or_reached_through_a_link_out_of_them_is_refused()
    {
        using var root = new TempFolder();
        using var outside = new TempFolder();
        var roots = new AllowedRoots([root.Path]);
        File.CreateSymbolicLink(Path.Join(root.Path, "escape"), outside.Path);
        File.WriteAllText(Path.Join(root.Path, "file.txt"), "x");

        var outsideError = Assert.Throws<UserInputException>(() => PageProject.Resolve(roots, outside.Path, PageStacks.React));
        var linkError = Assert.Throws<UserInputException>(() => PageProject.Resolve(roots, Path.Join(root.Path, "escape"), PageStacks.Vue));
        var fileError = Assert.Throws<UserInputException>(() => PageProject.Resolve(roots, Path.Join(root.Path, "file.txt"), PageStacks.Html));

        Assert.Contains("'output_dir'", outsideError.Message);
        Assert.Contains("'output_dir'", linkError.Message);
        Assert.Contains("'output_dir'", fileError.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside.Path));
    }

    [Fact]
    public void A_project_folder_under_the_roots_maps_every_file_to_a_real_path_inside_it()
    {
        using var root = new TempFolder();
        var roots = new AllowedRoots([root.Path]);

        var project = PageProject.Resolve(roots, Path.Join(root.Path, "site"), PageStacks.React);

        Assert.Equal(Path.Join(root.Path, "site"), project.Folder);
        Assert.Equal(Path.Join(root.Path, "site", "src", "App.jsx"), project.Files["src/App.jsx"]);
        Assert.Equal(PageProject.Paths(PageStacks.React).Count, project.Files.Count);
    }
}
