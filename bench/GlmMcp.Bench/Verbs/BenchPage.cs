using System.Globalization;
using System.Text;

namespace GlmMcp.Bench.Verbs;

/// <summary>
/// A documentation-like page (headings, prose, a code block, a table, a sidebar) for the render benchmark; the same
/// template goes to the Playwright anchor, which fills <see cref="Counter"/> the same way.
/// </summary>
internal static class BenchPage
{
    public const string Counter = "{{n}}";

    public static string Template { get; } = Build();

    public static string Html(int n) => Template.Replace(Counter, n.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static string Build()
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html><head><meta charset=utf-8><title>Docs {{n}}</title><style>")
            .Append("body{margin:0;font:15px/1.6 system-ui,sans-serif;color:#1f2328;display:flex}")
            .Append("nav{width:260px;background:#f6f8fa;padding:24px;border-right:1px solid #d0d7de;min-height:100vh}")
            .Append("nav a{display:block;color:#0969da;text-decoration:none;padding:4px 0}")
            .Append("main{flex:1;padding:32px 48px;max-width:860px}h1{font-size:32px;border-bottom:1px solid #d0d7de}")
            .Append("pre{background:#161b22;color:#e6edf3;padding:16px;border-radius:6px;font:13px/1.45 monospace}")
            .Append("table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:6px 13px}tr:nth-child(2n){background:#f6f8fa}")
            .Append(".note{border-left:4px solid #0969da;padding:8px 16px;background:#ddf4ff;border-radius:4px}")
            .Append("</style></head><body><nav>");
        for (var i = 1; i <= 24; i++)
            html.Append(CultureInfo.InvariantCulture, $"<a href=\"#s{i}\">Section {i}: configuring the thing</a>");
        html.Append("</nav><main><h1>Getting started, revision {{n}}</h1>");
        for (var s = 1; s <= 6; s++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"s{s}\">Step {s}</h2>")
                .Append("<p>Install the package, point it at your project and run the first command. The server answers over stdio, ")
                .Append("so any MCP client can start it; logs go to standard error and never mix with the protocol.</p>")
                .Append("<pre>dotnet run --project src/GlmMcp.Server -- serve --root ./site\nglm-mcp render --html-file index.html --out shot.png</pre>")
                .Append("<div class=note>Tip: relative paths start at the working directory; add more folders with --root.</div>")
                .Append("<table><tr><th>Setting</th><th>Default</th><th>Meaning</th></tr>")
                .Append("<tr><td>TimeoutSeconds</td><td>15</td><td>Longest a page may take</td></tr>")
                .Append("<tr><td>PoolSize</td><td>2</td><td>Tabs kept open</td></tr></table>");
        }
        html.Append("</main></body></html>");
        return html.ToString();
    }
}
