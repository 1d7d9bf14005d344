using System.CommandLine;
using System.Diagnostics;
using GlmMcp.Bench.Verbs;
using GlmMcp.Server.Cli;
using GlmMcp.Testing;
using ModelContextProtocol.Client;

namespace GlmMcp.Bench.Soak;

/// <summary>
/// <c>glm-mcp-bench soak</c>: the load and soak run of the trust issue against the real server process. 50 concurrent
/// mixed calls over HTTP from 1 and from 10 clients, 20 over one stdio connection, kill -9 of Chromium's renderers and
/// of the browser mid-render (the next calls must succeed), then a soak of <c>--seconds</c> from 10 clients, and
/// finally kill -9 of the server mid-render (nothing of its Chromium may outlive it). Prints calls, outcomes, p50/p95
/// per phase, the server's peak RSS and Chromium process counts during and after; exits 1 when any call failed.
/// </summary>
internal static class BenchSoakCommand
{
    public static Command Create()
    {
        var seconds = new Option<int>("--seconds") { Description = "Length of the soak phase (the issue asks for 600).", DefaultValueFactory = _ => 600 };
        var burst = new Option<int>("--burst") { Description = "Concurrent calls of each HTTP burst phase.", DefaultValueFactory = _ => 50 };
        var command = new Command("soak",
            "Load and soak the real server: concurrent mixed calls over HTTP (1 and 10 clients) and stdio, a misbehaving model server, " +
            "kill -9 of Chromium renderers, of the browser and of the server mid-render; prints errors, p50/p95, peak RSS and Chromium process counts.");
        command.Options.Add(seconds);
        command.Options.Add(burst);
        command.SetAction((result, ct) => VerbRunner.RunAsync(async () =>
        {
            var failed = await RunAsync(Math.Max(0, result.GetValue(seconds)), Math.Max(1, result.GetValue(burst)), Console.Out, ct); // stdout-ok: CLI verb output
            return failed == 0 ? ExitCodes.Ok : ExitCodes.Error;
        }));
        return command;
    }

    private static async Task<int> RunAsync(int soakSeconds, int burst, TextWriter output, CancellationToken ct)
    {
        using var folder = new TempFolder();
        await using var model = MisbehavingModelServer.Start();
        var workload = new SoakWorkload(folder.Path, $"127.0.0.1:{model.Port}");
        string[] serverArgs = ["--root", folder.Path, "--engine", "openai", "--base-url", model.BaseUrl, "--render-timeout", "5"];
        var samples = new List<(double RssMiB, int Chromium)>();
        double peakRss = 0;
        var profiles = new HashSet<string>(StringComparer.Ordinal);
        var table = new PhaseTable(output);
        IReadOnlyList<string> loggedFailures = [];
        output.WriteLine($"soak: real glm-mcp over HTTP and stdio, misbehaving loopback model server, soak phase {soakSeconds} s");
        table.WriteHeader();

        await using (var server = await SoakServer.StartAsync(serverArgs, folder.Path, ct))
        {
            var clients = new List<McpClient>();
            try
            {
                for (var i = 0; i < 10; i++)
                    clients.Add(await server.ConnectAsync(ct));

                await Task.WhenAll(Enumerable.Range(0, burst).Select(_ => workload.RunNextAsync("http, 1 client", clients[0], ct)));
                table.WriteNewPhases(workload.Results);
                await Task.WhenAll(Enumerable.Range(0, burst).Select(i => workload.RunNextAsync("http, 10 clients", clients[i % clients.Count], ct)));
                table.WriteNewPhases(workload.Results);
                await StdioPhaseAsync(workload, serverArgs, folder.Path, ct);
                table.WriteNewPhases(workload.Results);

                await KillPhaseAsync("kill -9 renderers", workload, server, clients, ProcessProbe.KillRenderers, profiles, ct);
                table.WriteNewPhases(workload.Results);
                await KillPhaseAsync("kill -9 browser", workload, server, clients, ProcessProbe.KillBrowser, profiles, ct);
                table.WriteNewPhases(workload.Results);

                using (var sampler = new CancellationTokenSource())
                {
                    var sampling = SampleAsync(server.ProcessId, profiles, samples, sampler.Token);
                    var end = Stopwatch.StartNew();
                    await Task.WhenAll(clients.Select(async client =>
                    {
                        while (end.Elapsed.TotalSeconds < soakSeconds && !ct.IsCancellationRequested)
                            await Task.WhenAll(workload.RunNextAsync("soak", client, ct), workload.RunNextAsync("soak", client, ct));
                    }));
                    await sampler.CancelAsync();
                    await sampling;
                }
                table.WriteNewPhases(workload.Results);
                peakRss = ProcessProbe.PeakRssMiB(server.ProcessId);
                loggedFailures = server.LoggedFailures();
                profiles.UnionWith(ProcessProbe.ChromiumProfiles(server.ProcessId));

                // The server dies mid-render; what it started must not outlive it.
                var inFlight = Enumerable.Range(0, 10).Select(i => workload.RunNextAsync("kill -9 server", clients[i % clients.Count], ct, mayFailAnyway: true)).ToList();
                await Task.Delay(500, ct);
                server.KillHard();
                await Task.WhenAll(inFlight);
            }
            finally
            {
                foreach (var client in clients)
                    await DisposeQuietlyAsync(client);
            }
        }

        var leftover = await WaitForNoneAsync(profiles, TimeSpan.FromSeconds(15));
        table.WriteNewPhases(workload.Results);
        Print(output, workload.Results, samples, peakRss, leftover, profiles.Count);
        output.WriteLine($"server log: {loggedFailures.Count} failure entries (fail:/crit:) before it was killed");
        foreach (var failure in loggedFailures.Take(5))
            output.WriteLine("  " + (failure.Length <= 400 ? failure : failure[..400] + "…"));
        return workload.Results.Count(r => r.Outcome == SoakCall.Failed) + (leftover > 0 ? 1 : 0);
    }

    private static async Task StdioPhaseAsync(SoakWorkload workload, string[] serverArgs, string folder, CancellationToken ct)
    {
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = BenchPaths.ServerExecutable,
            Arguments = ["serve", .. serverArgs],
            WorkingDirectory = folder,
            Name = "glm-mcp stdio",
            EnvironmentVariables = SoakServer.Environment.ToDictionary(e => e.Key, e => (string?)e.Value),
        });
        await using var client = await McpClient.CreateAsync(transport, cancellationToken: ct);
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => workload.RunNextAsync("stdio, 1 connection", client, ct)));
    }

    /// <summary>Kills part of Chromium while ten calls are in flight (they may fail clearly), then ten more calls must succeed.</summary>
    private static async Task KillPhaseAsync(string phase, SoakWorkload workload, SoakServer server, List<McpClient> clients,
        Func<IEnumerable<int>, int> kill, HashSet<string> profiles, CancellationToken ct)
    {
        var inFlight = Enumerable.Range(0, 10).Select(i => workload.RunNextAsync(phase + " (in flight)", clients[i % clients.Count], ct, mayFailAnyway: true)).ToList();
        await Task.Delay(300, ct);
        var current = ProcessProbe.ChromiumProfiles(server.ProcessId);
        profiles.UnionWith(current);
        kill(ProcessProbe.UsingProfiles(current));
        await Task.WhenAll(inFlight);
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => workload.RunNextAsync(phase + " (after)", clients[i % clients.Count], ct)));
    }

    private static async Task SampleAsync(int serverPid, HashSet<string> profiles, List<(double, int)> samples, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var current = ProcessProbe.ChromiumProfiles(serverPid);
            lock (profiles)
                profiles.UnionWith(current);
            samples.Add((ProcessProbe.RssMiB(serverPid), ProcessProbe.UsingProfiles(current).Count));
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Polls until no process uses the server's Chromium profiles; returns how many are left at the deadline.</summary>
    private static async Task<int> WaitForNoneAsync(IEnumerable<string> profiles, TimeSpan deadline)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var left = ProcessProbe.UsingProfiles(profiles).Count;
            if (left == 0 || watch.Elapsed > deadline)
                return left;
            await Task.Delay(250);
        }
    }

    private static async Task DisposeQuietlyAsync(McpClient client)
    {
        try
        {
            await client.DisposeAsync();
        }
        catch (Exception e) when (e is IOException or HttpRequestException or ObjectDisposedException or InvalidOperationException)
        {
            // The server is gone (killed on purpose).
        }
    }

    private static void Print(TextWriter output, IReadOnlyList<SoakCall> calls, List<(double RssMiB, int Chromium)> samples, double peakRss,
        int leftover, int profileCount)
    {
        var all = calls.Select(c => c.Milliseconds).Order().ToArray();
        output.WriteLine($"all calls: {all.Length}, failed {calls.Count(c => c.Outcome == SoakCall.Failed)}, p50 {Percentile(all, 0.5):0} ms, p95 {Percentile(all, 0.95):0} ms");
        output.WriteLine($"server peak RSS {peakRss:0} MiB; during soak RSS {Range(samples.Select(s => s.RssMiB))} MiB, Chromium processes {Range(samples.Select(s => (double)s.Chromium))}");
        output.WriteLine($"Chromium profiles used: {profileCount}; processes left 15 s after the server was killed: {leftover}");
        foreach (var kind in calls.Where(c => c.Outcome == SoakCall.Failed).GroupBy(c => (c.Name, c.Detail)).OrderByDescending(g => g.Count()))
            output.WriteLine($"FAILED ×{kind.Count()} {kind.Key.Name} (phases: {string.Join(", ", kind.Select(c => c.Phase).Distinct())}): {kind.Key.Detail}");
        foreach (var kind in calls.Where(c => c.Outcome is SoakCall.ClearError or SoakCall.Busy).GroupBy(c => c.Name).Select(g => g.First()))
            output.WriteLine($"clear error, e.g. {kind.Name}: {kind.Detail}");
    }

    private static string Range(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? "n/a" : $"{list.Min():0}–{list.Max():0} (first {list[0]:0}, last {list[^1]:0})";
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>Writes each phase's row as soon as the phase has ended, with the time since the run started, so a long
    /// run shows where it spends its time while it runs.</summary>
    private sealed class PhaseTable(TextWriter output)
    {
        private readonly HashSet<string> _written = new(StringComparer.Ordinal);
        private readonly Stopwatch _run = Stopwatch.StartNew();

        public void WriteHeader() =>
            output.WriteLine($"{"phase",-36}{"calls",7}{"ok",7}{"clear",7}{"busy",6}{"FAILED",8}{"p50 ms",10}{"p95 ms",10}{"ended at s",12}");

        public void WriteNewPhases(IReadOnlyList<SoakCall> calls)
        {
            foreach (var phase in calls.GroupBy(c => c.Phase).Where(g => _written.Add(g.Key)))
            {
                var ms = phase.Select(c => c.Milliseconds).Order().ToArray();
                output.WriteLine($"{phase.Key,-36}{ms.Length,7}{phase.Count(c => c.Outcome == SoakCall.Ok),7}{phase.Count(c => c.Outcome == SoakCall.ClearError),7}{phase.Count(c => c.Outcome == SoakCall.Busy),6}" +
                                 $"{phase.Count(c => c.Outcome == SoakCall.Failed),8}{Percentile(ms, 0.5),10:0}{Percentile(ms, 0.95),10:0}{_run.Elapsed.TotalSeconds,12:0}");
            }
            output.Flush();
        }
    }
}
