using System.Net;
using System.Net.Http.Headers;
using System.Text;
using GlmMcp.Server.Tests.Infrastructure;
using ModelContextProtocol.Client;

namespace GlmMcp.Server.Tests.Hosting;

[Trait("Category", "EndToEnd")]
public sealed class HttpTransportTests
{
    private const string Token = "test-token-0123456789abcdef";
    private const string InitializeBody =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""";

    [Fact]
    public async Task A_client_with_the_token_talks_streamable_http_at_mcp()
    {
        await using var server = await HttpServer.StartAsync("--token", Token, "--prelaunch", "false");
        await using var client = await server.ConnectAsync(headers: new Dictionary<string, string> { ["Authorization"] = $"Bearer {Token}" });

        Assert.Equal("glm-mcp", client.ServerInfo!.Name);
        await client.PingAsync();
    }

    [Fact]
    public async Task A_client_talks_legacy_sse_at_sse()
    {
        await using var server = await HttpServer.StartAsync("--prelaunch", "false");
        await using var client = await server.ConnectAsync("/sse", mode: HttpTransportMode.Sse);

        Assert.Equal("glm-mcp", client.ServerInfo!.Name);
    }

    [Fact]
    public async Task A_request_without_the_token_gets_401()
    {
        await using var server = await HttpServer.StartAsync("--token", Token, "--prelaunch", "false");
        using var http = new HttpClient();

        using var response = await http.SendAsync(Initialize(server, token: null, origin: null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task The_health_endpoint_answers_ok_without_the_token_and_with_a_foreign_host_while_mcp_still_wants_the_token()
    {
        await using var server = await HttpServer.StartAsync("--token", Token);
        using var http = new HttpClient();
        using var probe = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseUri, "/healthz"));
        probe.Headers.Host = "10.1.2.3:8931";

        using var health = await http.SendAsync(probe);
        using var mcp = await http.SendAsync(Initialize(server, token: null, origin: null));
        using var post = await http.PostAsync(new Uri(server.BaseUri, "/healthz"), new StringContent(""));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ok", await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, mcp.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
    }

    [Fact]
    public async Task A_request_with_a_wrong_token_gets_401()
    {
        await using var server = await HttpServer.StartAsync("--token", Token, "--prelaunch", "false");
        using var http = new HttpClient();

        using var response = await http.SendAsync(Initialize(server, token: "not-the-token-0123456789", origin: null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_request_from_a_foreign_origin_gets_403_even_with_the_token()
    {
        await using var server = await HttpServer.StartAsync("--token", Token, "--prelaunch", "false");
        using var http = new HttpClient();

        using var response = await http.SendAsync(Initialize(server, Token, origin: "https://evil.example"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_rebound_host_name_gets_403()
    {
        await using var server = await HttpServer.StartAsync("--prelaunch", "false");
        using var http = new HttpClient();
        using var request = Initialize(server, token: null, origin: null);
        request.Headers.Host = "attacker.example";

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task With_a_token_a_host_name_other_than_loopback_is_served_but_only_with_the_token()
    {
        await using var server = await HttpServer.StartAsync("--token", Token);
        using var http = new HttpClient();
        using var withToken = Initialize(server, token: Token, origin: null);
        withToken.Headers.Host = "glm-mcp.internal:8931";
        using var withoutToken = Initialize(server, token: null, origin: null);
        withoutToken.Headers.Host = "glm-mcp.internal:8931";

        using var served = await http.SendAsync(withToken);
        using var refused = await http.SendAsync(withoutToken);

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task A_loopback_origin_is_served()
    {
        await using var server = await HttpServer.StartAsync("--prelaunch", "false");
        using var http = new HttpClient();

        using var response = await http.SendAsync(Initialize(server, token: null, origin: "http://localhost:5173"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Binding_a_public_address_without_a_token_is_refused()
    {
        using var folder = new TempFolder();

        var run = await CliRun.RunAsync(folder.Path, "serve", "--http", "--host", "0.0.0.0", "--port", "0");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--token", run.Stderr);
    }

    private static HttpRequestMessage Initialize(HttpServer server, string? token, string? origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseUri, "/mcp"))
        {
            Content = new StringContent(InitializeBody, Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (origin is not null)
            request.Headers.Add("Origin", origin);
        return request;
    }
}
