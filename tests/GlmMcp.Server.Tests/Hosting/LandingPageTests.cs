using System.Net;
using GlmMcp.Server.Tests.Infrastructure;

namespace GlmMcp.Server.Tests.Hosting;

public sealed class LandingPageTests
{
    [Fact]
    public async Task Get_slash_answers_a_short_html_page_that_says_where_mcp_and_sse_are()
    {
        await using var server = await HttpServer.StartAsync();
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(server.BaseUri, "/"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains($"{server.BaseUri.GetLeftPart(UriPartial.Authority)}/mcp", page);
        Assert.Contains($"{server.BaseUri.GetLeftPart(UriPartial.Authority)}/sse", page);
        Assert.True(page.Length < 2000, page);
    }

    [Fact]
    public async Task Get_slash_from_another_origin_or_without_the_token_is_refused_like_every_request()
    {
        await using var open = await HttpServer.StartAsync();
        await using var guarded = await HttpServer.StartAsync("--token", "landing-token-0123456789");
        using var http = new HttpClient();
        using var crossSite = new HttpRequestMessage(HttpMethod.Get, new Uri(open.BaseUri, "/"));
        crossSite.Headers.Add("Origin", "https://evil.example");

        using var fromElsewhere = await http.SendAsync(crossSite);
        using var withoutToken = await http.GetAsync(new Uri(guarded.BaseUri, "/"));

        Assert.Equal(HttpStatusCode.Forbidden, fromElsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.DoesNotContain("/sse", await withoutToken.Content.ReadAsStringAsync());
    }
}
