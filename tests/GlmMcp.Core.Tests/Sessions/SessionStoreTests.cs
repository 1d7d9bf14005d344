using GlmMcp.Core.Sessions;

namespace GlmMcp.Core.Tests.Sessions;

public sealed class SessionStoreTests : IDisposable
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3];
    private readonly string _workspace = Path.Combine(Path.GetTempPath(), "glm-sessions-" + Guid.NewGuid().ToString("N"));

    private SessionStore NewStore() => new(new SessionOptions { Workspace = _workspace });

    [Fact]
    public async Task Versions_written_by_one_store_are_read_back_exactly_by_a_new_store()
    {
        var store = NewStore();
        var session = await store.CreateAsync(new NewSession(1280, 800, 1, "html", TargetPng: Png), default);
        await store.AddVersionAsync(session.Id, new NewSessionVersion("<p>one</p>\n", Png, "generate", "make it", 41.5), default);
        await store.AddVersionAsync(session.Id, new NewSessionVersion("<p>two</p>\n", null, "edit", "bolder", null), default);

        var reopened = NewStore();
        var info = await reopened.GetAsync(session.Id, default);
        Assert.Equal((2, 2, 1280, 800), (info.Current, info.Latest, info.Width, info.Height));
        Assert.Equal("<p>one</p>\n", await reopened.ReadCodeAsync(session.Id, 1, default));
        Assert.Equal(Png, await reopened.ReadRenderAsync(session.Id, 1, default));
        Assert.Null(await reopened.ReadRenderAsync(session.Id, 2, default));
        Assert.Equal(Png, await reopened.ReadTargetAsync(session.Id, default));
        var versions = await reopened.ListVersionsAsync(session.Id, default);
        Assert.Equal([41.5, null], versions.Select(v => v.Score));
        Assert.Equal([0, 1], versions.Select(v => v.Parent));
        Assert.Equal($"glm-mcp://sessions/{session.Id}/2/index.html", versions[1].CodeUri);
        Assert.Contains("-<p>one</p>\n+<p>two</p>\n", await reopened.ReadDiffAsync(session.Id, 2, default));
        Assert.Single(await reopened.ListAsync(default));
    }

    [Fact]
    public async Task Undo_makes_the_parent_current_and_the_next_version_branches_from_it()
    {
        var store = NewStore();
        var id = (await store.CreateAsync(new NewSession(800, 600, 2, "html"), default)).Id;
        await store.AddVersionAsync(id, new NewSessionVersion("a\n", null, "generate", null, null), default);
        await store.AddVersionAsync(id, new NewSessionVersion("b\n", null, "edit", null, null), default);

        var undone = await store.UndoAsync(id, null, default);
        Assert.Equal(1, undone.Number);
        var next = await store.AddVersionAsync(id, new NewSessionVersion("c\n", null, "edit", null, null), default);

        Assert.Equal((3, 1), (next.Number, next.Parent));
        Assert.Contains("-a\n+c\n", await store.ReadDiffAsync(id, 3, default));
        Assert.Equal("b\n", await store.ReadCodeAsync(id, 2, default));
        var error = await Assert.ThrowsAsync<UserInputException>(() => store.UndoAsync(id, 9, default));
        Assert.Contains("versions 1 to 3", error.Message);
    }

    [Fact]
    public async Task Undo_at_the_first_version_says_there_is_nothing_to_undo()
    {
        var store = NewStore();
        var id = (await store.CreateAsync(new NewSession(800, 600, 1, "html"), default)).Id;
        await store.AddVersionAsync(id, new NewSessionVersion("a", null, "generate", null, null), default);

        var error = await Assert.ThrowsAsync<UserInputException>(() => store.UndoAsync(id, null, default));
        Assert.Contains("nothing to undo", error.Message);
    }

    [Theory]
    [InlineData("0123456789ab")]
    [InlineData("../../etc")]
    [InlineData("")]
    public async Task A_session_id_that_does_not_exist_is_a_user_error_that_names_it(string id)
    {
        var error = await Assert.ThrowsAsync<UserInputException>(() => NewStore().GetAsync(id, default));
        Assert.Contains($"Session '{id}' does not exist", error.Message);
    }

    [Fact]
    public async Task A_missing_version_is_a_user_error_that_gives_the_range()
    {
        var store = NewStore();
        var id = (await store.CreateAsync(new NewSession(800, 600, 1, "html"), default)).Id;
        await store.AddVersionAsync(id, new NewSessionVersion("a", null, "generate", null, null), default);

        var error = await Assert.ThrowsAsync<UserInputException>(() => store.ReadCodeAsync(id, 5, default));
        Assert.Contains("versions 1 to 1", error.Message);
    }

    [Fact]
    public void Resource_addresses_parse_back_into_their_parts()
    {
        Assert.True(SessionUris.TryParse(SessionUris.Render("00aa11bb22cc", 12), out var id, out var version, out var file));
        Assert.Equal(("00aa11bb22cc", 12, "render.png"), (id, version, file));
        Assert.False(SessionUris.TryParse("glm-mcp://sessions/x/1/other.txt", out _, out _, out _));
        Assert.False(SessionUris.TryParse("glm-mcp://sessions/x/-1/index.html", out _, out _, out _));
    }

    [Fact]
    public async Task A_link_planted_in_the_workspace_where_a_temporary_file_would_go_does_not_redirect_a_write()
    {
        var outside = Directory.CreateTempSubdirectory("glm-sessions-outside-");
        try
        {
            var victim = Path.Join(outside.FullName, "victim.txt");
            File.WriteAllText(victim, "untouched");
            var store = NewStore();
            var id = (await store.CreateAsync(new NewSession(800, 600, 1, "html"), default)).Id;
            await store.AddVersionAsync(id, new NewSessionVersion("a\n", null, "generate", null, null), default);
            Directory.CreateDirectory(Path.Join(_workspace, id, "2"));
            File.CreateSymbolicLink(Path.Join(_workspace, id, "2", "index.html.tmp"), victim);

            await store.AddVersionAsync(id, new NewSessionVersion("b\n", null, "edit", null, null), default);

            Assert.Equal("untouched", File.ReadAllText(victim));
            Assert.Equal("b\n", await store.ReadCodeAsync(id, 2, default));
        }
        finally
        {
            outside.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_version_file_swapped_for_a_link_is_not_read()
    {
        var outside = Directory.CreateTempSubdirectory("glm-sessions-outside-");
        try
        {
            var secret = Path.Join(outside.FullName, "secret.html");
            File.WriteAllText(secret, "secret");
            var store = NewStore();
            var id = (await store.CreateAsync(new NewSession(800, 600, 1, "html"), default)).Id;
            await store.AddVersionAsync(id, new NewSessionVersion("a\n", null, "generate", null, null), default);
            var code = Path.Join(_workspace, id, "1", "index.html");
            File.Delete(code);
            File.CreateSymbolicLink(code, secret);

            var error = await Assert.ThrowsAsync<UserInputException>(() => store.ReadCodeAsync(id, 1, default));

            Assert.Contains("changed while it was being opened", error.Message);
        }
        finally
        {
            outside.Delete(recursive: true);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_workspace))
            Directory.Delete(_workspace, recursive: true);
    }
}
