using static GlmMcp.Testing.Fidelity.FidelitySections;

namespace GlmMcp.Testing.Fidelity;

/// <summary>
/// The fidelity corpus: reference pages of the kinds screenshot_to_code is asked for (landing, dashboard, pricing, forms,
/// tables, articles, docs with code, settings, e-mail, mobile, dark, utility-class, dense text, icons, cards, navigation,
/// gradients…), composed from <see cref="FidelitySections"/> with varied themes and content. Everything is inline: the
/// pages render offline. The judge's tests and <c>glm-mcp-bench judge</c> both read it.
/// </summary>
public static class FidelityCorpus
{
    private static readonly string[] Links = ["Product", "Pricing", "Docs", "Blog"];

    public static IReadOnlyList<FidelityPage> Pages { get; } =
    [
        Page("landing", FidelityTheme.Light,
            Nav("Lumen", Links, "Sign up") + Hero("Ship dashboards your team actually reads", Sentence(1, 18), "Start free trial") +
            Features(["Live reports", "Alerts", "Sharing"], 3, 0)),
        Page("landing-gradient", FidelityTheme.Violet,
            Nav("Orchid", ["Features", "Customers", "Changelog"], "Get started") +
            Hero("Design once, publish everywhere", Sentence(4, 16), "Try it now", Gradient(4), "center") + Features(["Fast", "Private", "Open", "Tested"], 4, 2)),
        Page("dashboard", FidelityTheme.Light,
            "<div style='display:flex;height:800px'><aside style='width:220px;background:#0f172a;color:#cbd5e1;padding:24px 16px'><div class='brand' style='color:#fff'>Cobalt</div>" +
            string.Concat(new[] { "Overview", "Orders", "Customers", "Reports", "Settings" }.Select((l, i) => $"<div style='padding:8px 10px;margin-top:6px;border-radius:6px;{(i == 0 ? "background:#1e293b;color:#fff" : "")}'>{l}</div>")) +
            "</aside><main style='flex:1;padding:24px 28px'><h2>Overview</h2><p class='muted' style='margin-bottom:16px'>Sales across all stores, last 7 days.</p>" +
            Stats(["Revenue", "Orders", "Visitors", "Refunds"], 2) + "<div class='grid' style='grid-template-columns:2fr 1fr;margin-top:16px'>" + Bars(12, 3) +
            "<div class='card'><h3>Top products</h3>" + Table(["Name", "Status"], 4, 5) + "</div></div></main></div>"),
        Page("dashboard-dark", FidelityTheme.Dark,
            Nav("Nimbus", ["Metrics", "Logs", "Traces"], "Deploy") + "<div class='wrap'>" + Stats(["CPU", "Memory", "Requests"], 7) +
            "<div class='grid' style='grid-template-columns:1fr 1fr;margin-top:16px'>" + Bars(16, 8, 200) + "<div class='card'>" + Table(["Service", "State", "p95"], 5, 9) + "</div></div></div>"),
        Page("pricing", FidelityTheme.Light,
            Nav("Ridge", Links, "Log in") + "<section class='wrap' style='text-align:center'><h1 style='font-size:34px'>Simple, honest pricing</h1><p class='muted'>" + Sentence(7, 12) + "</p></section>" +
            "<section class='wrap grid' style='grid-template-columns:repeat(3,1fr);padding-top:0'>" + string.Concat(new[] { ("Starter", 0), ("Team", 29), ("Business", 99) }.Select((p, i) =>
                $"<div class='card' style='{(i == 1 ? "border:2px solid #2563eb" : "")}'><h3>{p.Item1}</h3><div style='font-size:36px;font-weight:700'>${p.Item2}<span class='muted' style='font-size:14px'>/month</span></div>" +
                string.Concat(Enumerable.Range(0, 4 + i).Select(f => $"<div class='row' style='font-size:14px;margin:6px 0'><span class='accent'>{Icon(0, 16)}</span>{Sentence(f + i * 4, 4)}</div>")) +
                $"<div class='btn{(i == 1 ? "" : " ghost")}' style='display:block;text-align:center;margin-top:12px'>Choose {p.Item1}</div></div>")) + "</section>"),
        Page("pricing-warm", FidelityTheme.Warm,
            "<section class='wrap' style='text-align:center'><h1>Plans for every kitchen</h1></section><section class='wrap grid' style='grid-template-columns:1fr 1fr;max-width:900px;margin:0 auto'>" +
            string.Concat(new[] { "Home cook", "Restaurant" }.Select((p, i) => $"<div class='card'><h2>{p}</h2><p class='muted'>{Sentence(i + 11, 14)}</p><div style='font-size:44px;font-weight:700;margin:10px 0'>€{9 + i * 40}</div>" +
                Toggles(["Recipes", "Inventory"], i) + "<div class='btn' style='margin-top:12px'>Subscribe</div></div>")) + "</section>", 1024, 768),
        Page("signup", FidelityTheme.Forest,
            "<div style='display:grid;grid-template-columns:1fr 1fr;height:800px'><div style='background:" + Gradient(2) + ";padding:48px;color:#fff'><div class='brand'>Juniper</div>" +
            "<h1 style='margin-top:180px'>Grow with us</h1><p style='font-size:18px;opacity:.9'>" + Sentence(3, 14) + "</p></div><div style='padding:80px 40px'>" +
            Form("Create your account", ["Email", "Full name", "Password"], "Create account") + "</div></div>"),
        Page("login-mobile", FidelityTheme.Light,
            "<div style='padding:48px 20px'><div class='icon' style='width:56px;height:56px;margin:0 auto 20px'>" + Icon(3, 28) + "</div>" +
            Form("Welcome back", ["Email", "Password"], "Sign in", "100%") + "<p class='muted' style='text-align:center;margin-top:20px;font-size:14px'>New here? <span class='accent'>Create an account</span></p></div>", 390, 844),
        Page("data-table", FidelityTheme.Light,
            Nav("Quartz", ["Inventory", "Suppliers", "Reports"], "Export") + "<div class='wrap'><div class='row' style='margin-bottom:12px'><h2>Inventory</h2><input style='width:260px;margin-left:auto' placeholder='Search items'></div>" +
            Table(["Item", "Status", "Stock", "Price", "Updated"], 13, 1) + "</div>"),
        Page("data-table-striped", FidelityTheme.Night,
            "<div class='wrap'><h2 style='margin-bottom:14px'>Transactions</h2>" + Table(["Account", "State", "Amount", "Fee"], 15, 6, striped: true) + "</div>", 1024, 768),
        Page("blog-article", FidelityTheme.Light,
            Nav("Ember Journal", ["Essays", "Notes", "About"], "Subscribe") + "<div style='height:200px;background:" + Gradient(0) + "'></div>" +
            Article("What we learned shipping every day for a year", 4, 2)),
        Page("blog-serif", FidelityTheme.Warm,
            Article("A field guide to slow mornings", 6, 9, 17) + Footer(4), 1280, 900),
        Page("docs-code", FidelityTheme.Light,
            Nav("Vertex Docs", ["Guides", "API", "SDKs"], "Console") + "<div style='display:flex'><aside style='width:240px;padding:24px;border-right:1px solid #e2e8f0;height:740px'>" +
            string.Concat(new[] { "Getting started", "Install", "Authentication", "Webhooks", "Errors", "Rate limits", "Changelog" }.Select((l, i) => $"<div style='padding:5px 0;font-size:14px;{(i == 2 ? "color:#2563eb;font-weight:700" : "")}'>{l}</div>")) +
            "</aside><main style='padding:28px 40px;max-width:820px'><h1 style='font-size:32px'>Authentication</h1><p style='margin:12px 0'>" + Sentence(5, 30) + "</p>" + Code(3) +
            "<h2 style='margin-top:20px'>Tokens</h2><p style='margin:8px 0'>" + Sentence(8, 26) + "</p>" + Code(5) + "</main></div>"),
        Page("settings", FidelityTheme.Light,
            Nav("Harbor", ["Projects", "Billing"], "Upgrade") + "<div class='wrap' style='max-width:760px;margin:0 auto'><h2>Settings</h2><p class='muted' style='margin-bottom:14px'>Manage notifications and privacy.</p>" +
            Toggles(["Email alerts", "Weekly digest", "Two-factor login", "Public profile", "Beta features"], 1) + "</div>"),
        Page("email", FidelityTheme.Light,
            "<div style='background:#f1f5f9;padding:24px'><table style='width:552px;margin:0 auto;background:#fff;border-radius:8px'><tr><td style='padding:0;border:none'><div style='height:140px;background:" + Gradient(1) + ";border-radius:8px 8px 0 0'></div></td></tr>" +
            "<tr><td style='padding:28px;border:none'><h2>Your March summary</h2><p style='margin:10px 0'>" + Sentence(12, 28) + "</p><p style='margin:10px 0'>" + Sentence(13, 22) + "</p>" +
            "<span class='btn'>View the report</span><p class='muted' style='font-size:12px;margin-top:22px'>You get this e-mail because you follow Meridian. Unsubscribe.</p></td></tr></table></div>", 600, 900),
        Page("mobile-app", FidelityTheme.Violet,
            "<div style='padding:16px'><div class='row'><b style='font-size:20px'>Today</b><span class='pill' style='margin-left:auto'>3 new</span></div>" +
            "<div style='height:150px;border-radius:16px;background:" + Gradient(5) + ";margin:14px 0'></div>" + IconRow(4, 1, 22) +
            "<div class='grid' style='margin-top:14px'>" + string.Concat(Enumerable.Range(0, 4).Select(i => $"<div class='card row'><div class='icon'>{Icon(i + 4)}</div><div><b>{Title(i + 8)}</b><div class='muted' style='font-size:13px'>{Sentence(i + 2, 5)}</div></div></div>")) + "</div></div>", 390, 844),
        Page("mobile-product", FidelityTheme.Light,
            "<div style='height:300px;background:" + Gradient(3) + "'></div><div style='padding:18px'><div class='muted' style='font-size:13px'>Summit outdoor</div><h2>Trail jacket, waterproof</h2>" +
            "<div style='font-size:26px;font-weight:700;margin:6px 0'>$189</div><p style='font-size:14px'>" + Sentence(15, 24) + "</p><div class='row' style='margin:14px 0'>" +
            string.Concat(new[] { "S", "M", "L", "XL" }.Select((s, i) => $"<span class='pill' style='padding:6px 14px;{(i == 1 ? "border-color:#2563eb;color:#2563eb" : "")}'>{s}</span>")) +
            "</div><div class='btn' style='display:block;text-align:center;padding:14px'>Add to cart</div></div>", 390, 844),
        Page("dark-landing", FidelityTheme.Night,
            Nav("Vertex", Links, "Join") + Hero("Observability without the noise", Sentence(20, 16), "Start now") + Cards(3, 3, 1, 100)),
        Page("utility-classes", FidelityTheme.Light,
            "<div class='flex items-center gap-4 p-6 bg-slate-900 text-white'><div class='w-10 h-10 rounded-full bg-sky-400'></div><div class='font-bold text-lg'>Kestrel</div><div class='ml-auto text-sm text-slate-300'>Docs · API · Status</div></div>" +
            "<div class='grid grid-cols-3 gap-4 p-6'>" + string.Concat(Enumerable.Range(0, 6).Select(i => $"<div class='p-4 rounded-lg {(i % 2 == 0 ? "bg-sky-50" : "bg-amber-50")} border'><div class='text-sm text-slate-500'>{Word(i)}</div><div class='text-2xl font-bold'>{i * 17 + 5}%</div><div class='mt-2 h-2 rounded-full bg-slate-200'><div class='h-2 rounded-full bg-sky-500' style='width:{i * 17 + 5}%'></div></div></div>")) +
            "</div><div class='p-6'><div class='rounded-lg bg-slate-900 text-white p-6 text-lg'>" + Sentence(22, 20) + "</div></div>",
            extraCss: ".flex{display:flex}.items-center{align-items:center}.gap-4{gap:16px}.p-6{padding:24px}.p-4{padding:16px}.bg-slate-900{background:#0f172a}.text-white{color:#fff}" +
                      ".w-10{width:40px}.h-10{height:40px}.rounded-full{border-radius:9999px}.bg-sky-400{background:#38bdf8}.font-bold{font-weight:700}.text-lg{font-size:18px}.ml-auto{margin-left:auto}" +
                      ".text-sm{font-size:14px}.text-slate-300{color:#cbd5e1}.text-slate-500{color:#64748b}.grid{display:grid}.grid-cols-3{grid-template-columns:repeat(3,1fr)}.rounded-lg{border-radius:8px}" +
                      ".bg-sky-50{background:#f0f9ff}.bg-amber-50{background:#fffbeb}.border{border:1px solid #e2e8f0}.text-2xl{font-size:24px}.mt-2{margin-top:8px}.h-2{height:8px}.bg-slate-200{background:#e2e8f0}.bg-sky-500{background:#0ea5e9}"),
        Page("dense-text", FidelityTheme.Mono,
            "<div class='wrap' style='columns:3;column-gap:28px;font-size:12px;line-height:1.45'><h2 style='column-span:all;margin-bottom:10px'>Terms of service</h2>" +
            string.Concat(Enumerable.Range(0, 14).Select(p => $"<p style='margin-bottom:8px'><b>{p + 1}.</b> {Sentence(p * 3 + 1, 40)}</p>")) + "</div>"),
        Page("icon-rows", FidelityTheme.Light,
            "<div class='wrap'><h2>Integrations</h2><p class='muted' style='margin-bottom:18px'>" + Sentence(30, 12) + "</p>" + IconRow(10, 0, 24) +
            "<h2 style='margin:28px 0 14px'>Tools</h2>" + IconRow(8, 3, 32) + "<h2 style='margin:28px 0 14px'>Shortcuts</h2>" + IconRow(12, 5, 16) + "</div>"),
        Page("cards-grid", FidelityTheme.Forest,
            Nav("Willow Market", ["New", "Popular", "Sale"], "Cart") + Cards(8, 4, 2)),
        Page("nav-bars", FidelityTheme.Light,
            Nav("Aurora", Links, "Sign up") + "<div style='height:24px'></div>" +
            "<nav class='row' style='background:#0f172a;color:#fff;padding:12px 32px;gap:28px'><b>Beacon</b>" + string.Concat(Links.Select((l, i) => $"<span style='{(i == 1 ? "border-bottom:2px solid #38bdf8;padding-bottom:4px" : "opacity:.7")}'>{l}</span>")) + "</nav><div style='height:24px'></div>" +
            "<nav class='row' style='padding:10px 32px;gap:8px'>" + string.Concat(new[] { "All", "Design", "Engineering", "Marketing", "Sales" }.Select((l, i) => $"<span class='pill' style='padding:6px 14px;{(i == 0 ? "background:#2563eb;color:#fff" : "")}'>{l}</span>")) + "</nav>" +
            "<div style='height:24px'></div><nav style='margin:0 32px;padding:8px;border-radius:12px;background:" + Gradient(1) + ";color:#fff' class='row'>" + string.Concat(Enumerable.Range(0, 5).Select(i => $"<span class='row' style='gap:6px;padding:6px 12px'>{Icon(i)}{Word(i + 4)}</span>")) + "</nav>" +
            "<div class='wrap muted' style='font-size:14px'>Home › Library › Reports › " + Title(6) + "</div>"),
        Page("gradient-gallery", FidelityTheme.Dark,
            "<div class='wrap grid' style='grid-template-columns:repeat(3,1fr)'>" + string.Concat(Enumerable.Range(0, 6).Select(i =>
                $"<div style='height:220px;border-radius:{i * 4}px;background:{Gradient(i)};display:flex;align-items:flex-end;padding:14px;color:#fff;font-weight:700'>{Title(i + 2)}</div>")) + "</div>"),
        Page("kanban", FidelityTheme.Light,
            Nav("Tundra", ["Board", "Timeline"], "New task") + "<div class='wrap grid' style='grid-template-columns:repeat(4,1fr);background:#f8fafc'>" +
            string.Concat(new[] { "Backlog", "In progress", "Review", "Done" }.Select((col, c) => $"<div><h3 style='margin-bottom:10px'>{col} <span class='pill'>{3 - c % 2}</span></h3>" +
                string.Concat(Enumerable.Range(0, 3 - c % 2).Select(i => $"<div class='card' style='margin-bottom:10px;background:#fff'><div style='height:6px;width:40px;border-radius:3px;background:{Gradient(i + c)}'></div><p style='font-size:14px;margin:8px 0'>{Sentence(i + c * 3, 7)}</p><span class='pill'>{Word(i + c)}</span></div>")) + "</div>")) + "</div>"),
        Page("chat", FidelityTheme.Light,
            "<div style='display:flex;height:768px'><aside style='width:260px;border-right:1px solid #e2e8f0'>" + string.Concat(Enumerable.Range(0, 7).Select(i =>
                $"<div class='row' style='padding:12px 16px;{(i == 1 ? "background:#eff6ff" : "")}'><div style='width:36px;height:36px;border-radius:50%;background:{Gradient(i)}'></div><div><b style='font-size:14px'>{Title(i)}</b><div class='muted' style='font-size:12px'>{Sentence(i, 4)}</div></div></div>")) +
            "</aside><main style='flex:1;padding:20px;display:flex;flex-direction:column;gap:12px'>" + string.Concat(Enumerable.Range(0, 6).Select(i =>
                $"<div style='max-width:60%;padding:10px 14px;border-radius:14px;{(i % 2 == 0 ? "background:#f1f5f9;align-self:flex-start" : "background:#2563eb;color:#fff;align-self:flex-end")}'>{Sentence(i + 40, 6 + i % 3 * 4)}</div>")) + "</main></div>", 1024, 768),
        Page("calendar", FidelityTheme.Violet,
            "<div class='wrap'><div class='row' style='margin-bottom:14px'><h2>March 2026</h2><span class='btn ghost' style='margin-left:auto'>Today</span><span class='btn'>New event</span></div>" +
            "<div class='grid' style='grid-template-columns:repeat(7,1fr);gap:6px'>" + string.Concat(new[] { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" }.Select(d => $"<div class='muted' style='font-size:12px;font-weight:700'>{d}</div>")) +
            string.Concat(Enumerable.Range(1, 35).Select(d => $"<div class='card' style='height:88px;padding:6px;font-size:13px'>{(d - 1) % 31 + 1}{(d % 5 == 2 ? $"<div style='margin-top:4px;padding:2px 6px;border-radius:4px;background:#ede9fe;color:#5b21b6;font-size:11px'>{Word(d)}</div>" : "")}</div>")) + "</div></div>"),
        Page("profile", FidelityTheme.Light,
            "<div style='height:180px;background:" + Gradient(4) + "'></div><div class='wrap' style='margin-top:-70px'><div style='width:120px;height:120px;border-radius:50%;border:4px solid #fff;background:" + Gradient(0) + "'></div>" +
            "<div class='row'><div><h1 style='font-size:30px'>Ada Meridian</h1><div class='muted'>Staff engineer · Lisbon</div></div><span class='btn' style='margin-left:auto'>Follow</span><span class='btn ghost'>Message</span></div>" +
            "<div style='margin-top:18px'>" + Stats(["Posts", "Followers", "Following"], 4) + "</div></div>", 1280, 800),
    ];

    private static FidelityPage Page(string name, FidelityTheme theme, string body, int width = 1280, int height = 800, string extraCss = "") =>
        new(name, Document(theme, body, extraCss), width, height);
}
