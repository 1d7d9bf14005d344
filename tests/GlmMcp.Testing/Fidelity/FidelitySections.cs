using System.Text;

namespace GlmMcp.Testing.Fidelity;

/// <summary>The building blocks the corpus pages are composed of: a themed stylesheet and sections with varied content.</summary>
internal static class FidelitySections
{
    private static readonly string[] Icons =
    [
        "<path d='M4 12l5 5L20 6' fill='none' stroke='currentColor' stroke-width='2.5'/>",
        "<circle cx='12' cy='12' r='8' fill='none' stroke='currentColor' stroke-width='2.5'/><circle cx='12' cy='12' r='3' fill='currentColor'/>",
        "<rect x='4' y='4' width='16' height='16' rx='3' fill='none' stroke='currentColor' stroke-width='2.5'/><path d='M8 12h8M12 8v8' stroke='currentColor' stroke-width='2.5'/>",
        "<path d='M12 3l2.6 6 6.4.6-4.8 4.3 1.4 6.3L12 17l-5.6 3.2 1.4-6.3L3 9.6 9.4 9z' fill='currentColor'/>",
        "<path d='M3 20h18M6 16V9M11 16V5M16 16v-4M21 16V8' stroke='currentColor' stroke-width='2.5' fill='none'/>",
        "<path d='M12 21s-7-4.5-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 11c0 5.5-7 10-7 10z' fill='currentColor'/>",
        "<path d='M4 6h16v12H4z M4 6l8 7 8-7' fill='none' stroke='currentColor' stroke-width='2'/>",
        "<path d='M12 2v20M2 12h20' stroke='currentColor' stroke-width='3'/>",
    ];

    private static readonly string[] Gradients =
    [
        "linear-gradient(135deg,#f97316,#db2777)", "linear-gradient(160deg,#0ea5e9,#6366f1)", "linear-gradient(120deg,#22c55e,#14b8a6)",
        "radial-gradient(circle at 30% 30%,#fde047,#f59e0b 60%,#b45309)", "linear-gradient(90deg,#1e3a8a,#9333ea)", "conic-gradient(from 90deg,#f43f5e,#fb923c,#facc15,#f43f5e)",
    ];

    public static string Document(FidelityTheme t, string body, string extraCss = "") =>
        $$"""
        <!doctype html><html><head><meta charset="utf-8"><style>
        *{box-sizing:border-box;margin:0;padding:0}
        body{background:{{t.Background}};color:{{t.Text}};font:15px/1.5 {{t.Font}}}
        .nav{display:flex;align-items:center;gap:24px;padding:14px 32px;border-bottom:1px solid {{t.Border}};background:{{t.Surface}}}
        .brand{font-weight:700;font-size:18px;margin-right:auto}
        .nav a{color:{{t.Muted}};text-decoration:none;font-size:14px}
        .btn{display:inline-block;padding:10px 18px;border-radius:{{t.Radius}}px;background:{{t.Accent}};color:{{t.AccentText}};font-weight:600;font-size:14px}
        .ghost{background:transparent;color:{{t.Accent}};border:1px solid {{t.Accent}}}
        .card{background:{{t.Surface}};border:1px solid {{t.Border}};border-radius:{{t.Radius}}px;padding:18px}
        .muted{color:{{t.Muted}}} .accent{color:{{t.Accent}}}
        h1{font-size:40px;line-height:1.15} h2{font-size:24px;line-height:1.3} h3{font-size:17px}
        .wrap{padding:28px 32px} .grid{display:grid;gap:16px} .row{display:flex;gap:12px;align-items:center}
        .icon{width:36px;height:36px;border-radius:{{t.Radius}}px;display:grid;place-items:center;background:{{t.Accent}};color:{{t.AccentText}}}
        .icon svg{width:20px;height:20px}
        .pill{display:inline-block;padding:2px 10px;border-radius:999px;background:{{t.Surface}};border:1px solid {{t.Border}};font-size:12px}
        table{border-collapse:collapse;width:100%} th,td{text-align:left;padding:9px 12px;border-bottom:1px solid {{t.Border}};font-size:14px}
        th{color:{{t.Muted}};font-weight:600;font-size:12px;text-transform:uppercase}
        input,select{display:block;width:100%;padding:9px 12px;border:1px solid {{t.Border}};border-radius:{{t.Radius}}px;background:{{t.Background}};color:{{t.Text}};font:inherit}
        label{display:block;font-size:13px;font-weight:600;margin:12px 0 4px}
        pre{background:#0f172a;color:#e2e8f0;padding:14px;border-radius:{{t.Radius}}px;font:13px/1.6 'DejaVu Sans Mono',monospace}
        .k{color:#f472b6} .s{color:#86efac} .c{color:#64748b}
        .toggle{width:40px;height:22px;border-radius:11px;background:{{t.Border}};position:relative}
        .toggle.on{background:{{t.Accent}}} .toggle i{position:absolute;top:3px;left:3px;width:16px;height:16px;border-radius:50%;background:#fff}
        .toggle.on i{left:21px}
        .bar{background:{{t.Accent}};border-radius:4px 4px 0 0;width:28px}
        {{extraCss}}
        </style></head><body>{{body}}</body></html>
        """;

    public static string Icon(int i, int size = 20) =>
        $"<svg viewBox='0 0 24 24' width='{size}' height='{size}'>{Icons[i % Icons.Length]}</svg>";

    public static string Gradient(int i) => Gradients[i % Gradients.Length];

    public static string Nav(string brand, string[] links, string cta) =>
        $"<nav class='nav'><span class='brand'>{brand}</span>{string.Concat(links.Select(l => $"<a>{l}</a>"))}<span class='btn'>{cta}</span></nav>";

    public static string Hero(string title, string sub, string cta, string? gradient = null, string align = "left") =>
        $"<section class='wrap' style='padding:56px 32px;text-align:{align};{(gradient is null ? "" : $"background:{gradient};color:#fff")}'>" +
        $"<h1 style='max-width:760px;{(align == "center" ? "margin:0 auto" : "")}'>{title}</h1>" +
        $"<p style='font-size:18px;margin:16px {(align == "center" ? "auto" : "0")} 24px;max-width:620px;opacity:.85'>{sub}</p>" +
        $"<span class='btn'>{cta}</span> <span class='btn ghost' style='margin-left:8px'>Learn more</span></section>";

    public static string Features(string[] titles, int columns, int iconOffset)
    {
        var html = new StringBuilder($"<section class='wrap grid' style='grid-template-columns:repeat({columns},1fr)'>");
        for (var i = 0; i < titles.Length; i++)
            html.Append($"<div class='card'><div class='icon'>{Icon(i + iconOffset)}</div><h3 style='margin-top:12px'>{titles[i]}</h3>" +
                        $"<p class='muted' style='font-size:14px'>{Sentence(i + iconOffset, 12)}</p></div>");
        return html.Append("</section>").ToString();
    }

    public static string Cards(int count, int columns, int seed, int imageHeight = 120)
    {
        var html = new StringBuilder($"<section class='wrap grid' style='grid-template-columns:repeat({columns},1fr)'>");
        for (var i = 0; i < count; i++)
            html.Append($"<div class='card' style='padding:0;overflow:hidden'><div style='height:{imageHeight}px;background:{Gradient(i + seed)}'></div>" +
                        $"<div style='padding:12px 14px'><h3>{Title(i + seed)}</h3><p class='muted' style='font-size:13px'>{Sentence(i * 3 + seed, 7)}</p>" +
                        $"<div class='row' style='margin-top:8px'><span class='pill'>{Word(i + seed)}</span><b class='accent' style='margin-left:auto'>${12 + i * 7 + seed}</b></div></div></div>");
        return html.Append("</section>").ToString();
    }

    public static string Stats(string[] labels, int seed)
    {
        var html = new StringBuilder($"<div class='grid' style='grid-template-columns:repeat({labels.Length},1fr)'>");
        for (var i = 0; i < labels.Length; i++)
            html.Append($"<div class='card'><div class='muted' style='font-size:13px'>{labels[i]}</div><div style='font-size:28px;font-weight:700'>{(i + 3) * 1117 + seed * 31:N0}</div>" +
                        $"<div style='font-size:12px;color:{(i % 2 == 0 ? "#16a34a" : "#dc2626")}'>{(i % 2 == 0 ? "+" : "−")}{i * 2 + 3}.{seed % 10}% this week</div></div>");
        return html.Append("</div>").ToString();
    }

    public static string Bars(int count, int seed, int height = 160)
    {
        var html = new StringBuilder($"<div class='card'><h3>Weekly volume</h3><div class='row' style='align-items:flex-end;height:{height}px;gap:14px;margin-top:10px'>");
        for (var i = 0; i < count; i++)
            html.Append($"<div class='bar' style='height:{20 + (i * 37 + seed * 13) % (height - 30)}px'></div>");
        return html.Append("</div></div>").ToString();
    }

    public static string Table(string[] headers, int rows, int seed, bool striped = false)
    {
        var html = new StringBuilder("<table><tr>").Append(string.Concat(headers.Select(h => $"<th>{h}</th>"))).Append("</tr>");
        for (var r = 0; r < rows; r++)
        {
            html.Append(striped && r % 2 == 1 ? "<tr style='background:rgba(127,127,127,.08)'>" : "<tr>");
            for (var c = 0; c < headers.Length; c++)
                html.Append(c switch
                {
                    0 => $"<td><b>{Title(r + seed)}</b></td>",
                    1 => $"<td><span class='pill'>{(r % 3 == 0 ? "Active" : r % 3 == 1 ? "Paused" : "Draft")}</span></td>",
                    _ => $"<td class='muted'>{(r * 13 + c * 7 + seed) % 97 + 3}.{r}{c}</td>",
                });
            html.Append("</tr>");
        }
        return html.Append("</table>").ToString();
    }

    public static string Form(string title, string[] fields, string cta, string width = "380px") =>
        $"<form class='card' style='width:{width};margin:0 auto'><h2>{title}</h2><p class='muted' style='font-size:14px'>{Sentence(fields.Length, 9)}</p>" +
        string.Concat(fields.Select((f, i) => $"<label>{f}</label><input value='{(i % 2 == 0 ? Word(i + 5).ToLowerInvariant() + "@example.org" : "")}' placeholder='{f}'>")) +
        $"<div class='row' style='margin:14px 0'><input type='checkbox' style='width:auto' checked><span style='font-size:13px'>I agree to the terms</span></div>" +
        $"<div class='btn' style='display:block;text-align:center'>{cta}</div></form>";

    public static string Article(string title, int paragraphs, int seed, int fontSize = 16) =>
        $"<article style='max-width:720px;margin:0 auto;padding:32px 0;font-size:{fontSize}px'><div class='muted' style='font-size:13px'>{Word(seed)} · {seed % 9 + 3} min read</div>" +
        $"<h1 style='font-size:36px;margin:8px 0 18px'>{title}</h1>" +
        string.Concat(Enumerable.Range(0, paragraphs).Select(p => $"<p style='margin-bottom:14px'>{Sentence(p * 5 + seed, 34 + p % 3 * 9)}</p>")) + "</article>";

    public static string Code(int seed) =>
        $"<pre><span class='c'>// {Sentence(seed, 6)}</span>\n<span class='k'>export async function</span> {Word(seed).ToLowerInvariant()}Handler(req) {{\n" +
        $"  <span class='k'>const</span> body = <span class='k'>await</span> req.json();\n  <span class='k'>if</span> (!body.{Word(seed + 1).ToLowerInvariant()}) <span class='k'>throw new</span> Error(<span class='s'>'missing {Word(seed + 1).ToLowerInvariant()}'</span>);\n" +
        $"  <span class='k'>return</span> {{ ok: <span class='k'>true</span>, id: <span class='s'>'{seed * 7919 % 100000}'</span> }};\n}}</pre>";

    public static string Toggles(string[] labels, int seed) =>
        "<div class='card'>" + string.Concat(labels.Select((l, i) =>
            $"<div class='row' style='padding:12px 0;{(i > 0 ? "border-top:1px solid rgba(127,127,127,.2)" : "")}'><div><b style='font-size:14px'>{l}</b><div class='muted' style='font-size:13px'>{Sentence(i + seed, 8)}</div></div>" +
            $"<div class='toggle{((i + seed) % 3 != 0 ? " on" : "")}' style='margin-left:auto'><i></i></div></div>")) + "</div>";

    public static string IconRow(int count, int seed, int size) =>
        $"<div class='row' style='gap:18px;flex-wrap:wrap'>" + string.Concat(Enumerable.Range(0, count).Select(i =>
            $"<div style='text-align:center;width:{size + 40}px'><div class='icon' style='width:{size + 16}px;height:{size + 16}px;margin:0 auto;background:{(i % 3 == 0 ? "" : Gradient(i + seed))}'>{Icon(i + seed, size)}</div><div style='font-size:12px;margin-top:4px'>{Word(i + seed)}</div></div>")) + "</div>";

    public static string Footer(int seed) =>
        $"<footer class='wrap row muted' style='font-size:13px;border-top:1px solid rgba(127,127,127,.25)'><span>© 2026 {Title(seed)}</span><span style='margin-left:auto'>Privacy</span><span>Terms</span><span>Contact</span></footer>";

    private static readonly string[] Words =
    [
        "Aurora", "Beacon", "Cobalt", "Delta", "Ember", "Fjord", "Granite", "Harbor", "Indigo", "Juniper", "Kestrel", "Lumen", "Meridian", "Nimbus",
        "Orchid", "Pioneer", "Quartz", "Ridge", "Summit", "Tundra", "Umber", "Vertex", "Willow", "Zephyr",
    ];

    private static readonly string[] Lower =
    [
        "the", "team", "ships", "faster", "with", "clear", "reports", "every", "morning", "and", "each", "change", "is", "tracked", "from", "draft",
        "to", "release", "while", "customers", "see", "updates", "in", "real", "time", "across", "all", "devices", "without", "extra", "setup", "work",
    ];

    public static string Word(int i) => Words[((i % Words.Length) + Words.Length) % Words.Length];

    public static string Title(int i) => $"{Word(i)} {Word(i * 7 + 3)}";

    public static string Sentence(int seed, int words)
    {
        var text = new StringBuilder();
        for (var i = 0; i < words; i++)
            text.Append(i == 0 ? Capital(Lower[(seed * 5 + i * 3) % Lower.Length]) : " " + Lower[(seed * 5 + i * 3 + i / 4) % Lower.Length]);
        return text.Append('.').ToString();
    }

    private static string Capital(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
