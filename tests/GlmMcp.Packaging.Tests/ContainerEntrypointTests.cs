using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ModelContextProtocol.Client;

namespace GlmMcp.Packaging.Tests;

/// <summary>
/// The container image's entrypoint (packaging/docker/entrypoint.sh) run here without Docker, against the glm-mcp
/// built beside the tests: the same script, the same environment the Dockerfile sets, a token in a file as a
/// Docker secret would be.
/// </summary>
public sealed class ContainerEntrypointTests
{
    private const string Token = "container-token-0123456789abcdef";
    private static readonly string _entrypoint = Checkout.Path("packaging", "docker", "entrypoint.sh");
    private static readonly string _server = Path.Join(AppContext.BaseDirectory, "glm-mcp");

    [Fact]
    public async Task The_entrypoint_serves_http_with_the_token_from_the_secret_file_and_its_health_probe_passes()
    {
        using var folder = new TempFolder();
        var port = FreePort();
        var environment = Environment(folder.Write("token", Token + "\n"), port);
        using var server = Start(environment, folder.Path);
        try
        {
            using var http = new HttpClient();
            var health = await WaitForHealthAsync(http, port);
            var probe = await ProcessRun.RunAsync("bash", folder.Path, TimeSpan.FromMinutes(2), environment, _entrypoint, "health");
            using var anonymous = await http.PostAsync($"http://127.0.0.1:{port}/mcp", new StringContent("{}"));
            await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = new Uri($"http://127.0.0.1:{port}/mcp"),
                AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {Token}" },
            }));

            Assert.Equal("ok", health);
            Assert.Equal(0, probe.ExitCode);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal("glm-mcp", client.ServerInfo!.Name);
            Assert.Contains((await client.ListToolsAsync()).Select(t => t.Name), name => name == "render_page");
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task The_health_probe_fails_when_nothing_listens()
    {
        using var folder = new TempFolder();

        var probe = await ProcessRun.RunAsync("bash", folder.Path, TimeSpan.FromMinutes(2), Environment(folder.File("token"), FreePort()), _entrypoint, "health");

        Assert.Equal(1, probe.ExitCode);
    }

    [Theory]
    [InlineData(null, "no token file at")]
    [InlineData("short\n", "is 5 characters long; use at least 16")]
    public async Task Without_a_usable_token_file_the_entrypoint_says_how_to_make_one_and_exits_2(string? token, string message)
    {
        using var folder = new TempFolder();
        var file = token is null ? folder.File("missing-token") : folder.Write("token", token);

        var run = await ProcessRun.RunAsync("bash", folder.Path, TimeSpan.FromMinutes(2), Environment(file, FreePort()), _entrypoint);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public async Task A_port_that_is_not_a_number_is_refused_by_name()
    {
        using var folder = new TempFolder();
        var environment = new Dictionary<string, string?>(Environment(folder.Write("token", Token), 1)) { ["GLM_MCP_PORT"] = "80; rm -rf /" };

        var run = await ProcessRun.RunAsync("bash", folder.Path, TimeSpan.FromMinutes(2), environment, _entrypoint);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("GLM_MCP_PORT='80; rm -rf /' is not a port number", run.Stderr);
    }

    private static Dictionary<string, string?> Environment(string tokenFile, int port) => new()
    {
        ["GLM_MCP_SERVER"] = _server,
        ["GLM_MCP_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["GLM_MCP_TOKEN_FILE"] = tokenFile,
        ["GLM_MCP_Rendering__Prelaunch"] = "false",
    };

    private static Process Start(Dictionary<string, string?> environment, string workingDirectory)
    {
        var info = new ProcessStartInfo("bash") { UseShellExecute = false, WorkingDirectory = workingDirectory, RedirectStandardError = true, RedirectStandardOutput = true };
        info.ArgumentList.Add(_entrypoint);
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        var process = Process.Start(info)!;
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }

    private static async Task<string> WaitForHealthAsync(HttpClient http, int port)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (true)
        {
            try
            {
                return await http.GetStringAsync($"http://127.0.0.1:{port}/healthz");
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
