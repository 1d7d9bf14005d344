using GlmMcp.Core.Security;
using GlmMcp.Core.Workflows.LocateAndEdit;

namespace GlmMcp.Core.Tests.Workflows;

/// <summary>The element → source mapping for hints that need no dev server: React ≤18's _debugSource, Svelte's meta, Vue's __file, and the search.</summary>
public sealed class SourceLocatorTests : IDisposable
{
    private const string App = """
        export default function App() {
          return (
            <main className="hero">
              <h1>Weekly news</h1>
              <button className="btn" onClick={() => count > 1 && go()}>Learn more</button>
              <button className="btn" type="submit">
                Subscribe
              </button>
            </main>
          );
        }

        """;

    private readonly TempFolder _root = new();
    private readonly HttpClient _http = new();

    private SourceLocator Locator => new(_http);

    private static DomElement Button(SourceHint? hint, string text = "Subscribe") => new("button", null, "btn", text, hint);

    public void Dispose()
    {
        _http.Dispose();
        _root.Dispose();
    }

    [Fact]
    public async Task React_debug_source_leads_to_the_element_at_that_line_and_column()
    {
        Directory.CreateDirectory(_root.File("src"));
        var app = _root.Write("src/App.jsx", App);

        var found = await Locator.LocateAsync(Button(new SourceHint("react _debugSource", app, null, 6, 7)), new Uri("http://localhost:5173/"), new AllowedRoots([_root.Path]), default);

        Assert.Equal((app, 6, "react _debugSource"), (found.Path, found.Line, found.How));
        Assert.Equal("<button className=\"btn\" type=\"submit\">\n        Subscribe\n      </button>", App[found.Start..found.End]);
    }

    [Fact]
    public async Task A_column_that_misses_the_tag_falls_back_to_the_first_tag_of_that_name_on_the_line()
    {
        var app = _root.Write("App.svelte", App);

        var found = await Locator.LocateAsync(Button(new SourceHint("svelte __svelte_meta", app, null, 5, 1), "Learn more"), new Uri("http://localhost:5173/"), new AllowedRoots([_root.Path]), default);

        Assert.StartsWith("<button className=\"btn\" onClick={() => count > 1 && go()}>Learn more</button>", App[found.Start..]);
        Assert.Equal(found.End, App.IndexOf("Learn more</button>", StringComparison.Ordinal) + "Learn more</button>".Length);
    }

    [Fact]
    public async Task A_svelte_file_named_relative_to_the_project_is_found_under_the_root_that_holds_it()
    {
        using var other = new TempFolder();
        Directory.CreateDirectory(_root.File("src"));
        var app = _root.Write("src/App.svelte", App);

        var found = await Locator.LocateAsync(Button(new SourceHint("svelte __svelte_meta", "src/App.svelte", null, 6, 7)), new Uri("http://localhost:5173/"),
            new AllowedRoots([other.Path, _root.Path]), default);

        Assert.Equal((app, 6, "svelte __svelte_meta"), (found.Path, found.Line, found.How));
    }

    [Fact]
    public async Task A_relative_file_that_climbs_out_of_the_roots_is_not_read_and_the_roots_are_searched_instead()
    {
        using var outside = new TempFolder();
        outside.Write("App.svelte", App);
        var own = _root.Write("Page.html", "<p>\n<button class=\"btn\">Subscribe</button>\n</p>\n");
        var climb = Path.GetRelativePath(_root.Path, outside.File("App.svelte"));

        var found = await Locator.LocateAsync(Button(new SourceHint("svelte __svelte_meta", climb, null, 6, 7)), new Uri("http://localhost:5173/"), new AllowedRoots([_root.Path]), default);

        Assert.StartsWith("..", climb);
        Assert.Equal(own, found.Path);
        Assert.StartsWith("search of the roots", found.How);
    }

    [Fact]
    public async Task A_vue_component_file_is_searched_for_the_element_with_its_classes_and_text()
    {
        var signup = _root.Write("Signup.vue", "<template>\n  <form>\n    <button class=\"btn\">Cancel</button>\n    <button class=\"btn\" type=\"submit\">Subscribe</button>\n  </form>\n</template>\n");

        var found = await Locator.LocateAsync(Button(new SourceHint("vue __file", signup, null, 0, 0)), new Uri("http://localhost:5173/"), new AllowedRoots([_root.Path]), default);

        Assert.Equal(4, found.Line);
        Assert.Equal("vue __file, element found in its template", found.How);
    }

    [Fact]
    public async Task A_hint_that_leads_outside_the_roots_through_a_link_is_not_followed_and_the_roots_are_searched_instead()
    {
        using var outside = new TempFolder();
        var secret = outside.Write("App.jsx", App);
        File.CreateSymbolicLink(_root.File("Linked.jsx"), secret);
        var own = _root.Write("Page.html", "<p>\n<button class=\"btn\">Subscribe</button>\n</p>\n");

        var found = await Locator.LocateAsync(Button(new SourceHint("react _debugSource", _root.File("Linked.jsx"), null, 6, 7)), new Uri("http://localhost:5173/"), new AllowedRoots([_root.Path]), default);

        Assert.Equal(own, found.Path);
        Assert.StartsWith("search of the roots", found.How);
    }

    [Fact]
    public async Task An_element_found_nowhere_under_the_roots_is_a_clear_error_that_names_it()
    {
        _root.Write("Other.jsx", "<div>nothing here</div>");
        Directory.CreateDirectory(_root.File("node_modules/lib"));
        _root.Write("node_modules/lib/Button.jsx", "<button class=\"btn\">Subscribe</button>");

        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            Locator.LocateAsync(Button(null), new Uri("http://localhost:5173/"), new AllowedRoots([_root.Path]), default));

        Assert.Contains("Could not find where the marked <button> \"Subscribe\" is written", error.Message);
    }
}
