using GlmMcp.Core.Rendering;

namespace GlmMcp.Core.Tests.Rendering;

/// <summary>
/// HTML given as text is offline: no request kind reaches even loopback, from the first render of a fresh browser on,
/// and every attempt Chromium reports is listed in the blocked requests.
/// </summary>
public sealed class OfflineSandboxTests
{
    private static string ProbePage(int port)
    {
        var http = $"http://127.0.0.1:{port}";
        return $$"""
            <!doctype html><html><head>
            <link rel="preconnect" href="{{http}}/preconnect">
            <link rel="dns-prefetch" href="{{http}}/dns-prefetch">
            <link rel="prefetch" href="{{http}}/prefetch">
            <link rel="prerender" href="{{http}}/prerender">
            <link rel="stylesheet" href="{{http}}/sheet.css">
            <style>
              @import url("{{http}}/import.css");
              @font-face { font-family: probe; src: url("{{http}}/font.woff2"); }
              body { font-family: probe; }
            </style>
            <script type="speculationrules">{"prerender":[{"source":"list","urls":["{{http}}/speculation"]}]}</script>
            </head><body><p>probe</p>
            <script>
              const attempt = f => { try { const p = f(); if (p && p.catch) p.catch(() => {}); } catch (e) {} };
              attempt(() => new WebSocket("ws://127.0.0.1:{{port}}/ws"));
              attempt(() => new EventSource("{{http}}/events"));
              attempt(() => navigator.sendBeacon("{{http}}/beacon", "x"));
              attempt(() => fetch("{{http}}/keepalive", { method: "POST", body: "x", keepalive: true }));
              attempt(() => new WebTransport("https://127.0.0.1:{{port}}/transport").ready);
              attempt(() => navigator.serviceWorker.register("{{http}}/sw.js"));
              attempt(() => {
                const pc = new RTCPeerConnection({ iceServers: [{ urls: "stun:127.0.0.1:{{port}}" }] });
                pc.createDataChannel("probe");
                return pc.createOffer().then(offer => pc.setLocalDescription(offer));
              });
            </script></body></html>
            """;
    }

    [Fact]
    public async Task No_request_kind_from_html_text_reaches_a_loopback_server_from_the_first_render_of_a_fresh_browser_on()
    {
        using var trap = new LoopbackTrap();
        await using var renderer = RendererFactory.Create();
        var request = new RenderRequest { Html = ProbePage(trap.Port), Width = 200, Height = 100, WaitForMs = 1500 };

        var first = await renderer.RenderAsync(request);
        var again = await renderer.RenderAsync(request);

        Assert.Empty(trap.Arrivals);
        foreach (var result in new[] { first, again })
        {
            var blocked = string.Join("\n", result.BlockedRequests);
            foreach (var path in new[] { "/ws", "/events", "/beacon", "/keepalive", "/sheet.css", "/import.css", "/font.woff2", "/prefetch" })
                Assert.True(result.BlockedRequests.Any(u => u.Contains($":{trap.Port}{path}", StringComparison.Ordinal)), $"{path} is not listed in:\n{blocked}");
        }
    }
}
