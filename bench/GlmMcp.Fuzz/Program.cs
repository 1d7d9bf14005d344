using System.Runtime.InteropServices;
using GlmMcp.Fuzz;
using SharpFuzz;

// glm-mcp-fuzz <image|answer|html>                   under afl-fuzz (see bench/fuzz.sh)
// glm-mcp-fuzz <image|answer|html> --replay PATH…    each file (or every file of each folder) once, without AFL
Func<IFuzzTarget>? create = args.Length == 0 ? null : args[0] switch
{
    "image" => () => new ImageTarget(),
    "answer" => () => new AnswerTarget(),
    "html" => () => new HtmlTarget(),
    _ => null,
};
if (create is null)
{
    await Console.Error.WriteLineAsync("usage: glm-mcp-fuzz <image|answer|html> [--replay FILE|DIR ...]");
    return 2;
}

if (args.Length > 1 && args[1] == "--replay")
    return Replay(create, args[2..]);

// The target is made on the first input: its constructor already runs instrumented code, which needs the coverage map
// SharpFuzz sets up only inside Run.
IFuzzTarget? target = null;
Action<Stream> run = stream =>
{
    using var memory = new MemoryStream();
    stream.CopyTo(memory);
    target ??= create();
    target.Run(memory.ToArray());
};
// The image target ends in SkiaSharp's native codecs: out of process, a native crash is a finding, not the fuzzer's end.
if (args[0] == "image")
    Fuzzer.OutOfProcess.Run(run);
else
    Fuzzer.Run(run);
return 0;

static unsafe int Replay(Func<IFuzzTarget> create, string[] paths)
{
    // An instrumented build (bench/fuzz.sh's) writes coverage on every branch: give it a map nobody reads.
    SharpFuzz.Common.Trace.SharedMem = (byte*)NativeMemory.AllocZeroed(1 << 16);
    var target = create();
    using var disposable = target as IDisposable;
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
            Console.Error.WriteLine($"{file}: {e}");
        }
    }
    Console.WriteLine($"replayed {files.Count} inputs, {failures} unexpected exceptions");
    return failures == 0 ? 0 : 1;
}
