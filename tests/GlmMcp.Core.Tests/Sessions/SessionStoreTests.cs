using GlmMcp.Core.Security;
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
    public async Task A_session_records_the_roots_it_was_created_under_and_callers_under_other_roots_cannot_list_read_or_change_it()
    {
        var store = NewStore();
        using var a = new TempFolder();
        using var b = new TempFolder();
        // A scope set inside an async method ends with it: the test itself stays unscoped.
        async Task<string> NewAsync(params string[] roots)
        {
            using var scope = roots.Length == 0 ? null : CallerRoots.Begin(new AllowedRoots(roots));
            var id = (await store.CreateAsync(new NewSession(320, 200, 1, "html"), default)).Id;
            await store.AddVersionAsync(id, new NewSessionVersion("<p>x</p>\n", null, "generate", null, null), default);
            return id;
        }
        var inA = await NewAsync(a.Path);
        var inBoth = await NewAsync(a.Path, b.Path);
        var unscoped = await NewAsync();

        using (CallerRoots.Begin(new AllowedRoots([a.Path])))
        {
            Assert.Equal([inA], (await store.ListAsync(default)).Select(s => s.Id));
            Assert.Equal("<p>x</p>\n", await store.ReadCodeAsync(inA, 1, default));
            var hidden = await Assert.ThrowsAsync<SessionNotFoundException>(() => store.ReadCodeAsync(inBoth, 1, default));
            Assert.StartsWith($"Session '{inBoth}' does not exist.", hidden.Message);
            await Assert.ThrowsAsync<SessionNotFoundException>(() => store.UndoAsync(unscoped, 1, default));
        }
        using (CallerRoots.Begin(new AllowedRoots([Path.GetDirectoryName(a.Path)!])))
            Assert.Equal(new[] { inA, inBoth }.Order(), (await store.ListAsync(default)).Select(s => s.Id).Order());
        Assert.Equal(3, (await store.ListAsync(default)).Count);
        Assert.Equal([new AllowedRoots([a.Path]).Roots[0], new AllowedRoots([b.Path]).Roots[0]], (await store.GetAsync(inBoth, default)).Roots);
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

    [Fact]
    public async Task A_change_while_another_process_holds_the_sessions_lock_file_waits_and_then_gives_up_with_an_error_that_says_to_retry()
    {
        var store = new SessionStore(new SessionOptions { Workspace = _workspace, LockTimeoutSeconds = 0.5 });
        var id = (await store.CreateAsync(new NewSession(800, 600, 1, "html"), default)).Id;
        await store.AddVersionAsync(id, new NewSessionVersion("a\n", null, "generate", null, null), default);

        using (new FileStream(Path.Join(_workspace, id, "write.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var error = await Assert.ThrowsAsync<UserInputException>(() => store.AddVersionAsync(id, new NewSessionVersion("b\n", null, "edit", null, null), default));
            Assert.Contains($"Session {id} is being changed by another glm-mcp process", error.Message);
            Assert.Contains("retry", error.Message);
            await Assert.ThrowsAsync<UserInputException>(() => store.UndoAsync(id, 1, default));
        }

        Assert.Equal(2, (await store.AddVersionAsync(id, new NewSessionVersion("b\n", null, "edit", null, null), default)).Number);
    }

    [Fact]
    public async Task A_change_waiting_for_another_processs_lock_proceeds_from_the_version_that_process_saved()
    {
        var store = NewStore();
        var other = NewStore();
        var id = (await store.CreateAsync(new NewSession(800, 600, 1, "html"), default)).Id;
        await store.AddVersionAsync(id, new NewSessionVersion("a\n", null, "generate", null, null), default);
        var (inside, release) = (new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        // The other store (standing in for a second server process: it shares only the folder) holds the session while it saves.
        var first = other.UpdateAsync(id, async (head, _) =>
        {
            inside.SetResult();
            await release.Task;
            return new NewSessionVersion(head.Code + "b\n", null, "edit", null, null);
        }, default);
        await inside.Task;
        var second = store.UpdateAsync(id, (head, _) => Task.FromResult(new NewSessionVersion(head.Code + "c\n", null, "edit", null, null)), default);
        release.SetResult();
        var (saved1, saved2) = (await first, await second);

        Assert.Equal((2, 1), (saved1.Number, saved1.Parent));
        Assert.Equal((3, 2), (saved2.Number, saved2.Parent));
        Assert.Equal("a\nb\nc\n", await store.ReadCodeAsync(id, 3, default));
        Assert.Contains(" a\n b\n+c\n", await store.ReadDiffAsync(id, 3, default));
    }

    [Fact]
    public async Task Parallel_updates_of_one_session_from_two_stores_each_start_from_the_previous_ones_result()
    {
        var stores = new[] { NewStore(), NewStore() };
        var id = (await stores[0].CreateAsync(new NewSession(800, 600, 1, "html"), default)).Id;
        await stores[0].AddVersionAsync(id, new NewSessionVersion("", null, "generate", null, null), default);

        var saved = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => stores[i % 2].UpdateAsync(id, async (head, _) =>
        {
            await Task.Yield();
            return new NewSessionVersion(head.Code + $"line {i}\n", null, "edit", null, null);
        }, default))));

        Assert.Equal(Enumerable.Range(2, 8), saved.Select(v => v.Number).Order());
        Assert.All(saved, v => Assert.Equal(v.Number - 1, v.Parent));
        var final = await stores[1].ReadCodeAsync(id, 9, default);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"line {i}"), final.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
    }

    [Theory]
    [InlineData("0123456789ab")]
    [InlineData("../../etc")]
    [InlineData("0123456789AB")]
    [InlineData("012345/6789a")]
    [InlineData("..")]
    [InlineData("")]
    public async Task A_session_id_that_does_not_exist_is_a_user_error_that_names_it(string id)
    {
        var error = await Assert.ThrowsAsync<SessionNotFoundException>(() => NewStore().GetAsync(id, default));
        Assert.Contains($"Session '{id}' does not exist", error.Message);
    }

    [Fact]
    public async Task A_long_malformed_session_id_is_echoed_only_in_part()
    {
        var id = new string('x', 10_000);

        var error = await Assert.ThrowsAsync<SessionNotFoundException>(() => NewStore().UndoAsync(id, null, default));

        Assert.Contains("Session 'xxxx", error.Message);
        Assert.True(error.Message.Length < 400, error.Message);
    }

    public static TheoryData<string, string> Damages => new()
    {
        { "truncated session.json", "session.json is not valid session JSON" },
        { "null session.json", "session.json holds null" },
        { "session.json whose current version is past the latest", "session.json says version 7 of 2 is current" },
        { "a folder in place of session.json", "session.json is missing (a folder is in its place)" },
        { "session folder that is a link", "its folder is a symbolic link" },
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task A_session_with_a_damaged_session_file_is_left_out_of_the_list_and_every_use_of_it_names_the_damage(string damage, string expected)
    {
        var store = NewStore();
        var good = await NewSessionWithTwoVersionsAsync(store);
        var bad = await NewSessionWithTwoVersionsAsync(store);
        var folder = Path.Join(_workspace, bad);
        var sessionFile = Path.Join(folder, "session.json");
        switch (damage)
        {
            case "truncated session.json":
                File.WriteAllBytes(sessionFile, File.ReadAllBytes(sessionFile)[..40]);
                break;
            case "null session.json":
                File.WriteAllText(sessionFile, "null");
                break;
            case "session.json whose current version is past the latest":
                File.WriteAllText(sessionFile, File.ReadAllText(sessionFile).Replace("\"current\": 2", "\"current\": 7"));
                break;
            case "a folder in place of session.json":
                File.Delete(sessionFile);
                Directory.CreateDirectory(sessionFile);
                break;
            case "session folder that is a link":
                var elsewhere = Path.Join(_workspace, "elsewhere");
                Directory.Move(folder, elsewhere);
                Directory.CreateSymbolicLink(folder, elsewhere);
                break;
        }

        Assert.Equal([good], (await store.ListAsync(default)).Select(s => s.Id));
        await AssertDamagedAsync(store, bad, expected);
        Assert.Equal(3, (await store.AddVersionAsync(good, new NewSessionVersion("c\n", null, "edit", null, null), default)).Number);
    }

    public static TheoryData<string, string> VersionDamages => new()
    {
        { "missing index.html", "1/index.html is missing" },
        { "index.html that is a link", "1/index.html is a symbolic link" },
        { "version folder that is a link", "the folder of version 1 is a symbolic link" },
        { "missing version.json", "1/version.json is missing" },
        { "version.json of another version", "1/version.json does not describe version 1" },
    };

    [Theory]
    [MemberData(nameof(VersionDamages))]
    public async Task A_session_with_a_damaged_version_fails_every_use_with_an_error_that_names_the_session_and_the_damage(string damage, string expected)
    {
        var store = NewStore();
        var bad = await NewSessionWithTwoVersionsAsync(store);
        var version = Path.Join(_workspace, bad, "1");
        var outside = Path.Join(_workspace, "outside");
        Directory.CreateDirectory(outside);
        switch (damage)
        {
            case "missing index.html":
                File.Delete(Path.Join(version, "index.html"));
                break;
            case "index.html that is a link":
                File.WriteAllText(Path.Join(outside, "secret.txt"), "not a page");
                File.Delete(Path.Join(version, "index.html"));
                File.CreateSymbolicLink(Path.Join(version, "index.html"), Path.Join(outside, "secret.txt"));
                break;
            case "version folder that is a link":
                Directory.Move(version, Path.Join(outside, "1"));
                Directory.CreateSymbolicLink(version, Path.Join(outside, "1"));
                break;
            case "missing version.json":
                File.Delete(Path.Join(version, "version.json"));
                break;
            case "version.json of another version":
                File.Copy(Path.Join(_workspace, bad, "2", "version.json"), Path.Join(version, "version.json"), overwrite: true);
                break;
        }

        var listed = await Assert.ThrowsAsync<UserInputException>(() => store.ListVersionsAsync(bad, default));
        Assert.Contains($"Session {bad} is damaged: {expected}", listed.Message);
        var read = await Assert.ThrowsAsync<UserInputException>(() => store.ReadCodeAsync(bad, 1, default));
        Assert.Contains(expected, read.Message);
        var undo = await Assert.ThrowsAsync<UserInputException>(() => store.UndoAsync(bad, null, default));
        Assert.Contains(expected, undo.Message);
        Assert.Equal(2, (await store.GetAsync(bad, default)).Current);
        Assert.Equal("b\n", await store.ReadCodeAsync(bad, 2, default));
    }

    [Fact]
    public async Task A_copied_session_folder_is_a_session_of_its_own_and_changing_it_leaves_the_original_alone()
    {
        var store = NewStore();
        var original = await NewSessionWithTwoVersionsAsync(store);
        const string copy = "c0c0c0c0c0c0";
        CopyFolder(Path.Join(_workspace, original), Path.Join(_workspace, copy));

        var added = await store.AddVersionAsync(copy, new NewSessionVersion("copy\n", null, "edit", null, null), default);
        await store.UndoAsync(copy, 1, default);

        Assert.Equal((copy, 3, $"glm-mcp://sessions/{copy}/3/index.html"), (added.SessionId, added.Number, added.CodeUri));
        var copied = await store.GetAsync(copy, default);
        Assert.Equal((copy, 1, 3), (copied.Id, copied.Current, copied.Latest));
        Assert.All(await store.ListVersionsAsync(copy, default), v => Assert.Equal(copy, v.SessionId));
        var info = await store.GetAsync(original, default);
        Assert.Equal((original, 2, 2), (info.Id, info.Current, info.Latest));
        Assert.False(Directory.Exists(Path.Join(_workspace, original, "3")));
        Assert.Equal(new[] { copy, original }.Order(), (await store.ListAsync(default)).Select(s => s.Id).Order());
    }

    private static async Task<string> NewSessionWithTwoVersionsAsync(SessionStore store)
    {
        var id = (await store.CreateAsync(new NewSession(800, 600, 1, "html"), default)).Id;
        await store.AddVersionAsync(id, new NewSessionVersion("a\n", Png, "generate", null, null), default);
        await store.AddVersionAsync(id, new NewSessionVersion("b\n", null, "edit", null, null), default);
        return id;
    }

    private static async Task AssertDamagedAsync(SessionStore store, string id, string expected)
    {
        var uses = new Func<Task>[]
        {
            () => store.GetAsync(id, default),
            () => store.ListVersionsAsync(id, default),
            () => store.ReadCodeAsync(id, 1, default),
            () => store.ReadRenderAsync(id, 1, default),
            () => store.UndoAsync(id, null, default),
            () => store.AddVersionAsync(id, new NewSessionVersion("x", null, "edit", null, null), default),
        };
        foreach (var use in uses)
        {
            var error = await Assert.ThrowsAsync<UserInputException>(use);
            Assert.Contains($"Session {id} is damaged: {expected}", error.Message);
        }
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Join(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [Fact]
    public async Task A_missing_version_is_a_user_error_that_gives_the_range()
    {
        var store = NewStore();
        var id = (await store.CreateAsync(new NewSession(800, 600, 1, "html"), default)).Id;
        await store.AddVersionAsync(id, new NewSessionVersion("a", null, "generate", null, null), default);

        var error = await Assert.ThrowsAsync<SessionNotFoundException>(() => store.ReadCodeAsync(id, 5, default));
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

            Assert.Contains("is a symbolic link", error.Message);
            Assert.DoesNotContain(outside.FullName, error.Message);
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
