using GlmMcp.Fuzz;
using SharpFuzz;

// glm-mcp-fuzz <image|answer|html>                   under afl-fuzz (see bench/fuzz.sh)
// glm-mcp-fuzz <image|answer|html> --replay PATH…    each file (or every file of each folder) once, without AFL
if (args.Length == 0 || !TryCreate(args[0], out var target))
{
    await Console.Error.WriteLineAsync("usage: glm-mcp-fuzz <image|answer|html> [--replay FILE|DIR ...]");
    return 2;
}

using (target as IDisposable)
{
    if (args.Length > 1 && args[1] == "--replay")
        return Replay(target, args[2..]);

    Action<Stream> run = stream =>
    {
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        target.Run(memory.ToArray());
    };
    // The image target ends in SkiaSharp's native codecs: out of process, a native crash is a finding, not the fuzzer's end.
    if (target is ImageTarget)
        Fuzzer.OutOfProcess.Run(run);
    else
        Fuzzer.Run(run);
    return 0;
}

static bool TryCreate(string name, out IFuzzTarget target)
{
    target = name switch
    {
        "image" => new ImageTarget(),
        "answer" => new AnswerTarget(),
        "html" => new HtmlTarget(),
        _ => null!,
    };
    return target is not null;
}

static int Replay(IFuzzTarget target, string[] paths)
{
    var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal) : (IEnumerable<string>)[p]).ToList();
    var failures = 0;
    foreach (var file in files)
    {
        try
        {
            target.Run(File.ReadAllBytes(file));
        }
        catch (Exception e)
        {
            failures++;
            Console.Error.WriteLine($"{file}: {e.GetType().FullName}: {e.Message}");
            Console.Error.WriteLine(e.StackTrace);
        }
    }
    Console.WriteLine($"replayed {files.Count} inputs, {failures} unexpected exceptions");
    return failures == 0 ? 0 : 1;
}
