using System.Buffers;
using System.Text;
using System.Text.Json;
using GlmMcp.Core.Arguments;
using GlmMcp.Server.Hosting;

namespace GlmMcp.Server.Tests.Hosting;

/// <summary>How the stdio transport takes large arguments out of a line, and where their placeholders resolve.</summary>
public sealed class InlineArgumentExtractorTests
{
    private const long Limit = 64L * 1024 * 1024;

    [Fact]
    public void Canonical_base64_of_an_image_is_kept_decoded_and_the_message_gets_a_placeholder_in_its_place()
    {
        var png = RandomPng(400_000);
        var line = ToolCall("visual_diff", $$"""{"before":"{{Convert.ToBase64String(png)}}","after":"b.png"}""");

        var (message, values) = Extract(line, pieceBytes: 4093);

        var arguments = message.GetProperty("params").GetProperty("arguments");
        Assert.Equal("b.png", arguments.GetProperty("after").GetString());
        var placeholder = arguments.GetProperty("before").GetString()!;
        Assert.StartsWith(InlineArguments.PlaceholderPrefix, placeholder);
        var value = values.Find(placeholder)!;
        Assert.Equal(InlineValueKind.Base64, value.Kind);
        Assert.Equal(png, value.Bytes.ToArray());
        Assert.Equal(Convert.ToBase64String(png), value.ToText());
    }

    [Fact]
    public void A_data_uri_keeps_its_header_and_base64_with_line_breaks_comes_back_as_the_same_text()
    {
        var png = RandomPng(300_000);
        var uri = "data:image/png;base64," + Convert.ToBase64String(png);
        var wrapped = Convert.ToBase64String(png, Base64FormattingOptions.InsertLineBreaks);
        var line = ToolCall("visual_diff", JsonSerializer.Serialize(new { before = uri, after = wrapped }));

        var (message, values) = Extract(line, pieceBytes: 65536);

        var arguments = message.GetProperty("params").GetProperty("arguments");
        var before = values.Find(arguments.GetProperty("before").GetString())!;
        Assert.Equal(InlineValueKind.Base64, before.Kind);
        Assert.Equal("data:image/png;base64,", before.Base64Prefix);
        Assert.Equal(png, before.Bytes.ToArray());
        Assert.Equal(uri, before.ToText());
        var after = values.Find(arguments.GetProperty("after").GetString())!;
        Assert.Equal(InlineValueKind.Text, after.Kind);
        Assert.Equal(wrapped, after.ToText());
    }

    [Fact]
    public void Html_with_escapes_and_non_ascii_letters_is_kept_as_the_text_the_client_meant()
    {
        var html = string.Concat(Enumerable.Repeat("<p class=\"x\">Ünïcödé € \U0001F600 \\ tab\t line\n</p>", 10_000));
        var line = ToolCall("render_page", JsonSerializer.Serialize(new { html, width = 400 }));

        var (message, values) = Extract(line, pieceBytes: 1000);

        var arguments = message.GetProperty("params").GetProperty("arguments");
        Assert.Equal(400, arguments.GetProperty("width").GetInt32());
        var value = values.Find(arguments.GetProperty("html").GetString())!;
        Assert.Equal(html, value.ToText());
        Assert.Equal(html.Length, value.TextLength);
    }

    [Fact]
    public void Base64_that_decodes_past_the_limit_keeps_no_bytes_only_its_length()
    {
        var png = RandomPng(400_000);
        using var extractor = new InlineArgumentExtractor(maxDecodedBytes: 100_000, maxTextBytes: Limit);
        extractor.Append(new ReadOnlySequence<byte>(ToolCall("visual_diff", $$"""{"before":"{{Convert.ToBase64String(png)}}"}""")));

        var (message, bag, invalid) = extractor.Complete();

        Assert.Null(invalid);
        using var json = JsonDocument.Parse(message);
        var value = bag!.Find(json.RootElement.GetProperty("params").GetProperty("arguments").GetProperty("before").GetString())!;
        Assert.Equal(InlineValueKind.TooLarge, value.Kind);
        Assert.True(value.DecodedLength > 100_000, $"{value.DecodedLength}");
        Assert.Equal(0, value.Bytes.Length);
    }

    [Fact]
    public void Small_arguments_other_methods_and_strings_outside_the_arguments_stay_in_the_message()
    {
        var large = new string('A', 300_000);
        var prompt = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"prompts/get","params":{"name":"p","arguments":{"x":""" + "\"" + large + "\"}}}");
        var meta = ToolCall("render_page", $$"""{"html":"<p>small</p>"}""", meta: large);

        var (promptMessage, promptValues) = Extract(prompt, pieceBytes: 8192);
        var (metaMessage, metaValues) = Extract(meta, pieceBytes: 8192);

        Assert.Equal(large, promptMessage.GetProperty("params").GetProperty("arguments").GetProperty("x").GetString());
        Assert.Equal(0, promptValues.Count);
        Assert.Equal("<p>small</p>", metaMessage.GetProperty("params").GetProperty("arguments").GetProperty("html").GetString());
        Assert.Equal(large, metaMessage.GetProperty("params").GetProperty("_meta").GetProperty("note").GetString());
        Assert.Equal(0, metaValues.Count);
    }

    [Fact]
    public void An_invalid_escape_in_a_taken_out_string_makes_the_line_invalid()
    {
        var line = Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"render_page\",\"arguments\":{\"html\":\"" +
                                          new string('h', 300_000) + "\\q\"}}}");
        using var extractor = new InlineArgumentExtractor(Limit, Limit);
        extractor.Append(new ReadOnlySequence<byte>(line));

        var (_, _, invalid) = extractor.Complete();

        Assert.Equal("an invalid escape sequence in a string", invalid);
    }

    [Fact]
    public void A_placeholder_resolves_only_inside_the_call_whose_bag_made_it_and_not_after_the_call_ends()
    {
        var bag = new InlineArgumentBag();
        var other = new InlineArgumentBag();
        var placeholder = bag.Add(InlineValue.Text("<p>hi</p>"u8.ToArray(), 9));

        var outside = InlineArguments.TryGet(placeholder, out _);
        bool inOther;
        using (InlineArguments.Begin(other))
            inOther = InlineArguments.TryGet(placeholder, out _);
        bool inOwn;
        InlineValue? value;
        string? text;
        using (InlineArguments.Begin(bag))
        {
            inOwn = InlineArguments.TryGet(placeholder, out value);
            text = value?.ToText();
        }
        bag.Clear();
        bool afterClear;
        using (InlineArguments.Begin(bag))
            afterClear = InlineArguments.TryGet(placeholder, out _);

        Assert.False(outside);
        Assert.False(inOther);
        Assert.True(inOwn);
        Assert.Equal("<p>hi</p>", text);
        Assert.False(afterClear);
        Assert.Equal(0, value!.Bytes.Length);
    }

    private static byte[] ToolCall(string tool, string arguments, string? meta = null) =>
        Encoding.UTF8.GetBytes($$"""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"{{tool}}","arguments":{{arguments}}""" +
                               (meta is null ? "" : $$""","_meta":{"note":"{{meta}}"}""") + "}}");

    /// <summary>Feeds <paramref name="line"/> in pieces of <paramref name="pieceBytes"/>, as the pipe would.</summary>
    private static (JsonElement Message, InlineArgumentBag Values) Extract(byte[] line, int pieceBytes)
    {
        using var extractor = new InlineArgumentExtractor(Limit, Limit);
        for (var at = 0; at < line.Length; at += pieceBytes)
            extractor.Append(new ReadOnlySequence<byte>(line, at, Math.Min(pieceBytes, line.Length - at)));
        var (message, bag, invalid) = extractor.Complete();
        Assert.Null(invalid);
        using var json = JsonDocument.Parse(message);
        return (json.RootElement.Clone(), bag ?? new InlineArgumentBag());
    }

    /// <summary>A PNG's signature and the start of its header chunk, then random bytes (its base64 starts like a PNG's).</summary>
    private static byte[] RandomPng(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52 }.CopyTo(bytes, 0);
        return bytes;
    }
}
