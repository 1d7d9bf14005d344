using System.CommandLine;
using GlmMcp.Core.Diagnostics;
using GlmMcp.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GlmMcp.Server.Cli;

/// <summary><c>glm-mcp doctor</c>: prints what the server will use and whether it works; exit 1 with a fix-it line
/// when something is missing.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var command = new Command("doctor", "Check what the server will use (Chromium, roots, transports, engine, model files) and say how to fix what is missing. Exit 0 when all is well, 1 when a check failed, 2 on bad settings.");
        ServerSettings.AddTo(command, ServeCommand.Settings);
        command.SetAction((result, ct) => VerbRunner.RunAsync(async () =>
        {
            var configuration = ServerSettings.Build(result, ServeCommand.Settings);
            var services = new ServiceCollection();
            services.AddLogging(l => l.AddStderrConsole(configuration));
            services.AddGlmMcp(configuration);
            await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
            var failed = false;
            Console.WriteLine($"glm-mcp {McpServerRegistration.Version}"); // stdout-ok: CLI verb output, never under serve
            foreach (var check in provider.GetServices<IDoctorCheck>())
            {
                foreach (var line in await check.RunAsync(ct))
                {
                    failed |= line.Status == DoctorStatus.Failed;
                    var mark = line.Status switch { DoctorStatus.Ok => "ok  ", DoctorStatus.Warning => "warn", _ => "FAIL" };
                    Console.WriteLine($"[{mark}] {line.Name,-10} {line.Detail}"); // stdout-ok: CLI verb output, never under serve
                    if (line.FixIt is not null)
                        Console.WriteLine($"       fix: {line.FixIt}"); // stdout-ok: CLI verb output, never under serve
                }
            }
            return failed ? ExitCodes.Different : ExitCodes.Ok;
        }));
        return command;
    }
}
