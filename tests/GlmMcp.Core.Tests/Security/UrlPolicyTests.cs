using System.Net;
using GlmMcp.Core;
using GlmMcp.Core.Security;

namespace GlmMcp.Core.Tests.Security;

public sealed class UrlPolicyTests
{
    [Theory]
    [InlineData("http://localhost:5173/")]
    [InlineData("http://127.0.0.1:8080/page")]
    [InlineData("http://127.8.9.10/")]
    [InlineData("http://[::1]:3000/")]
    [InlineData("http://app.localhost/")]
    public void Loopback_urls_are_allowed(string url)
    {
        Assert.Equal(new Uri(url), new UrlPolicy([]).Check(url));
    }

    [Theory]
    [InlineData("http://192.168.1.10/", "private-network")]
    [InlineData("http://10.0.0.1/", "private-network")]
    [InlineData("http://172.20.0.1/", "private-network")]
    [InlineData("http://169.254.169.254/latest/meta-data", "private-network")]
    [InlineData("https://example.com/", "not a loopback host")]
    public void Other_hosts_are_refused_with_the_reason(string url, string reason)
    {
        var error = Assert.Throws<UserInputException>(() => new UrlPolicy([]).Check(url));

        Assert.Contains(reason, error.Message);
        Assert.Contains("--allow-host", error.Message);
    }

    [Fact]
    public void Allow_listed_hosts_and_wildcards_are_allowed()
    {
        var policy = new UrlPolicy(["docs.example.com", "*.internal.test"]);

        Assert.True(policy.IsAllowed(new Uri("https://docs.example.com/a")));
        Assert.True(policy.IsAllowed(new Uri("https://ui.internal.test/")));
        Assert.False(policy.IsAllowed(new Uri("https://example.com/")));
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://localhost/x")]
    [InlineData("not a url")]
    public void Non_http_urls_are_refused(string url)
    {
        Assert.Throws<UserInputException>(() => new UrlPolicy([]).Check(url));
    }

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("8.8.8.8", false)]
    [InlineData("127.0.0.1", false)]
    public void Private_ranges_are_recognised(string address, bool isPrivate)
    {
        Assert.Equal(isPrivate, UrlPolicy.IsPrivate(IPAddress.Parse(address)));
    }
}
