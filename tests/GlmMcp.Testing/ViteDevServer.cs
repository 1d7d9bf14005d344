using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GlmMcp.Testing;

/// <summary>
/// A real Vite dev server on loopback serving a copy of one of the apps in <c>tests/devapps</c> (<c>react</c>,
/// <c>vue</c> or <c>svelte</c>), or of another Vite project, from a fresh temporary folder, so a test may edit its files. Vite, the React, Vue and Svelte plugins and the
/// frameworks are installed from <c>tests/devapps/package-lock.json</c> with <c>npm ci</c> the first time a test needs them
/// (the copy links to that <c>node_modules</c>); without npm the tests fail saying so. Disposing stops the server and
/// deletes the copy.
/// </summary>
public sealed class ViteDevServer : IAsyncDisposable
{
    private static readonly Lazy<Task<string>> Installed = new(InstallAsync);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ViteDevServer(TempFolder app, Process process, Uri baseUri)
    {
        App = app;
        _process = process;
        BaseUri = baseUri;
    }

    /// <summary>The folder of <c>tests/devapps</c> (package.json, lock file, the apps).</summary>
    public static string DevAppsFolder => Checkout.Path("tests", "devapps");

    /// <summary>The app's copy (index.html, src/…); make it the allowed root.</summary>
    public TempFolder App { get; }

    /// <summary>The page, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseUri { get; }

    /// <summary>What the server printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>Copies the app <paramref name="name"/>, starts Vite on a free loopback port and waits until it serves the page.</summary>
    public static Task<ViteDevServer> StartAsync(string name) => ServeCopyAsync(Path.Join(DevAppsFolder, name));

    /// <summary>
    /// Copies the Vite project in <paramref name="folder"/> (its own index.html, vite.config.js and sources, e.g. one
    /// that screenshot_to_code wrote), starts Vite on it with the packages of <c>tests/devapps</c> and waits until it
    /// serves the page.
    /// </summary>
    public static Task<ViteDevServer> ServeCopyOfAsync(string folder) => ServeCopyAsync(folder);

    private static async Task<ViteDevServer> ServeCopyAsync(string folder)
    {
        var modules = await Installed.Value;
        var app = new TempFolder();
        CopyFolder(folder, app.Path);
        Directory.CreateSymbolicLink(app.File("node_modules"), modules);
        var port = FreePort();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = app.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Join(modules, "vite", "bin", "vite.js"), "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--strictPort" })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var server = new ViteDevServer(app, process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilServingAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            // Already gone.
        }
        _process.Dispose();
        App.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    private async Task WaitUntilServingAsync()
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"Vite exited ({_process.ExitCode}) before serving:\n{Output}");
            try
            {
                using var response = await http.GetAsync(BaseUri);
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"Vite did not serve {BaseUri} within 60 s:\n{Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var folder in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Join(to, Path.GetRelativePath(from, folder)));
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Join(to, Path.GetRelativePath(from, file)));
    }

    private static async Task<string> InstallAsync()
    {
        var modules = Path.Join(DevAppsFolder, "node_modules");
        var lockFile = Path.Join(DevAppsFolder, "package-lock.json");
        var stamp = Path.Join(modules, ".package-lock.json");
        if (File.Exists(Path.Join(modules, "vite", "bin", "vite.js")) && File.Exists(stamp) && File.GetLastWriteTimeUtc(stamp) >= File.GetLastWriteTimeUtc(lockFile))
            return modules;
        var npm = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Join(folder, "npm")).FirstOrDefault(File.Exists) ?? throw new InvalidOperationException(
                "npm is missing: the dev-server tests install Vite, React, Vue and Svelte with `npm ci` in tests/devapps. Install Node.js 20.19 or newer " +
                "with npm and run the tests again.");
        var run = await ProcessRun.RunAsync(npm, DevAppsFolder, TimeSpan.FromMinutes(10), "ci", "--no-audit", "--no-fund");
        if (run.ExitCode != 0)
            throw new InvalidOperationException($"`npm ci` in {DevAppsFolder} failed (exit {run.ExitCode}):\n{run.Stderr}\n{run.Stdout}");
        return modules;
    }
}
