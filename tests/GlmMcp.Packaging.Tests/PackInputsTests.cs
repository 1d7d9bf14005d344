namespace GlmMcp.Packaging.Tests;

/// <summary>The key and the mirror behind the cached pack (<see cref="PackedServer"/>), on a small checkout-shaped folder.</summary>
public sealed class PackInputsTests
{
    [Fact]
    public void The_key_stands_while_nothing_changes_and_moves_when_a_source_is_edited_added_renamed_or_removed()
    {
        using var checkout = Checkout();
        var key = new PackInputs(checkout.Path).Key("10.0.401", "pack");

        var same = new PackInputs(checkout.Path).Key("10.0.401", "pack");
        File.AppendAllText(checkout.File("src/App/Program.cs"), "// edited\n");
        var edited = new PackInputs(checkout.Path).Key("10.0.401", "pack");
        File.WriteAllText(checkout.File("src/App/Added.cs"), "class Added;");
        var added = new PackInputs(checkout.Path).Key("10.0.401", "pack");
        File.Move(checkout.File("src/App/Added.cs"), checkout.File("src/App/Renamed.cs"));
        var renamed = new PackInputs(checkout.Path).Key("10.0.401", "pack");
        File.Delete(checkout.File("src/App/Renamed.cs"));
        File.Delete(checkout.File("third_party/lib.js"));
        var removed = new PackInputs(checkout.Path).Key("10.0.401", "pack");

        Assert.Equal(key, same);
        Assert.Equal(5, new[] { key, edited, added, renamed, removed }.Distinct().Count());
    }

    [Fact]
    public void The_key_moves_with_the_sdk_the_pack_arguments_and_the_root_build_files_but_not_with_build_outputs()
    {
        using var checkout = Checkout();
        var key = new PackInputs(checkout.Path).Key("10.0.401", "pack");

        var otherSdk = new PackInputs(checkout.Path).Key("10.0.402", "pack");
        var otherArguments = new PackInputs(checkout.Path).Key("10.0.401", "pack -p:X=1");
        Write(checkout, "src/App/bin/Release/App.dll", "built");
        Write(checkout, "src/App/obj/project.assets.json", "{}");
        Write(checkout, "packaging/mcpb/node_modules/x/index.js", "module.exports = 1;");
        Write(checkout, "docs/notes.md", "not an input");
        var withOutputs = new PackInputs(checkout.Path).Key("10.0.401", "pack");
        File.AppendAllText(checkout.File("Directory.Packages.props"), "<!-- bumped -->");
        var bumped = new PackInputs(checkout.Path).Key("10.0.401", "pack");

        Assert.Equal(key, withOutputs);
        Assert.Equal(4, new[] { key, otherSdk, otherArguments, bumped }.Distinct().Count());
    }

    [Fact]
    public void The_mirror_takes_changes_and_removals_keeps_unchanged_files_as_they_were_and_leaves_its_build_outputs_alone()
    {
        using var checkout = Checkout();
        using var mirror = new TempFolder();
        new PackInputs(checkout.Path).MirrorTo(mirror.Path);
        var old = DateTime.UtcNow.AddHours(-1);
        File.SetLastWriteTimeUtc(mirror.File("src/App/App.csproj"), old);
        Write(mirror, "src/App/obj/project.assets.json", "{}");

        File.WriteAllText(checkout.File("src/App/Program.cs"), "class Program { static void Main() { } }");
        File.Delete(checkout.File("third_party/lib.js"));
        var inputs = new PackInputs(checkout.Path);
        inputs.MirrorTo(mirror.Path);

        Assert.Equal(inputs.Files, new PackInputs(mirror.Path).Files);
        Assert.Equal("class Program { static void Main() { } }", File.ReadAllText(mirror.File("src/App/Program.cs")));
        Assert.False(File.Exists(mirror.File("third_party/lib.js")));
        Assert.Equal(old, File.GetLastWriteTimeUtc(mirror.File("src/App/App.csproj")));
        Assert.True(File.GetLastWriteTimeUtc(mirror.File("src/App/Program.cs")) > old.AddMinutes(59));
        Assert.True(File.Exists(mirror.File("src/App/obj/project.assets.json")));
        Assert.Equal(inputs.Key("sdk"), new PackInputs(mirror.Path).Key("sdk"));
    }

    private static TempFolder Checkout()
    {
        var checkout = new TempFolder();
        Write(checkout, "Directory.Build.props", "<Project />");
        Write(checkout, "Directory.Packages.props", "<Project />");
        Write(checkout, "global.json", "{}");
        Write(checkout, "src/App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        Write(checkout, "src/App/Program.cs", "class Program;");
        Write(checkout, "third_party/lib.js", "var lib;");
        Write(checkout, "packaging/pack.sh", "#!/bin/sh");
        return checkout;
    }

    private static void Write(TempFolder folder, string relative, string text)
    {
        var path = folder.File(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
