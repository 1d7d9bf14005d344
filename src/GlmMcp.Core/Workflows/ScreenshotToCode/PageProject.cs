using System.Text.RegularExpressions;
using GlmMcp.Core.Security;

namespace GlmMcp.Core.Workflows.ScreenshotToCode;

/// <summary>
/// The small project <c>output_dir</c> writes for a page instead of one file:
/// <list type="bullet">
/// <item><c>html</c>: <c>index.html</c> with its <c>&lt;style&gt;</c> blocks moved to <c>styles.css</c>;</item>
/// <item><c>tailwind</c>: the same, plus the Tailwind browser build the page was rendered with
/// (<c>tailwindcss-browser.js</c>), so it opens offline as it was rendered;</item>
/// <item><c>react</c> and <c>vue</c>: a Vite project — <c>package.json</c> (the library versions the page was rendered
/// with), <c>vite.config.js</c>, <c>index.html</c>, <c>src/main.jsx</c> or <c>src/main.js</c>, and the component as
/// the model wrote it, <c>src/App.jsx</c> or <c>src/App.vue</c> (<c>npm install &amp;&amp; npm run dev</c>).</item>
/// </list>
/// </summary>
public static partial class PageProject
{
    private const string StylesFile = "styles.css";
    private const string TailwindFile = "tailwindcss-browser.js";

    /// <summary>Every path a project of <paramref name="stack"/> may hold, so they can be checked before anything is written.</summary>
    public static IReadOnlyList<string> Paths(string stack) => stack switch
    {
        PageStacks.React => ["package.json", "vite.config.js", "index.html", "src/main.jsx", "src/App.jsx"],
        PageStacks.Vue => ["package.json", "vite.config.js", "index.html", "src/main.js", "src/App.vue"],
        PageStacks.Tailwind => ["index.html", StylesFile, TailwindFile],
        _ => ["index.html", StylesFile],
    };

    /// <summary>
    /// Checks every file a project of <paramref name="stack"/> may write into <paramref name="folder"/> against the
    /// roots (real paths, no links), before anything is written.
    /// </summary>
    public static ProjectOutput Resolve(AllowedRoots roots, string folder, string stack, string argumentName = "output_dir")
    {
        var files = Paths(stack).ToDictionary(path => path, path => roots.ResolveOutputPath(System.IO.Path.Join(folder, path), argumentName), StringComparer.Ordinal);
        var resolved = System.IO.Path.GetDirectoryName(files["index.html"])!;
        if (File.Exists(resolved))
            throw new UserInputException($"'{argumentName}' is a file; give a folder (it is created when missing): {InputEcho.Truncate(folder)}.");
        return new ProjectOutput(resolved, files);
    }

    /// <summary>The project's files for <paramref name="code"/> written in <paramref name="stack"/>.</summary>
    public static IReadOnlyList<ProjectFile> Files(string code, string stack) => stack switch
    {
        PageStacks.React => ViteProject(code, "react", "main.jsx", "App.jsx", "root",
            """
            import React from 'react';
            import { createRoot } from 'react-dom/client';
            import App from './App.jsx';

            createRoot(document.getElementById('root')).render(<React.StrictMode><App /></React.StrictMode>);

            """),
        PageStacks.Vue => ViteProject(code, "vue", "main.js", "App.vue", "app",
            """
            import { createApp } from 'vue';
            import App from './App.vue';

            createApp(App).mount('#app');

            """),
        PageStacks.Tailwind => [.. StaticPage(PageStackInjector.IntoHead(code, $"<script src=\"{TailwindFile}\"></script>")), new ProjectFile(TailwindFile, VendoredScripts.Tailwind)],
        _ => StaticPage(code),
    };

    /// <summary>index.html, and styles.css with the page's plain <c>&lt;style&gt;</c> blocks (linked where the first one was).</summary>
    private static List<ProjectFile> StaticPage(string code)
    {
        var blocks = PlainStyle().Matches(code);
        if (blocks.Count == 0)
            return [new ProjectFile("index.html", code)];
        var css = string.Join("\n", blocks.Select(b => b.Groups["css"].Value.Trim('\n', '\r'))) + "\n";
        var first = true;
        var html = PlainStyle().Replace(code, _ =>
        {
            var link = first ? $"<link rel=\"stylesheet\" href=\"{StylesFile}\">" : "";
            first = false;
            return link;
        });
        return [new ProjectFile("index.html", html), new ProjectFile(StylesFile, css)];
    }

    private static List<ProjectFile> ViteProject(string code, string library, string main, string component, string mountId, string mainCode)
    {
        var (dependencies, plugin, pluginPackage) = library == "react"
            ? ("\"react\": \"^18.3.1\",\n    \"react-dom\": \"^18.3.1\"", "react", "\"@vitejs/plugin-react\": \"^5.1.1\"")
            : ("\"vue\": \"^3.5.45\"", "vue", "\"@vitejs/plugin-vue\": \"^6.0.2\"");
        return
        [
            new ProjectFile("package.json",
                $$"""
                {
                  "name": "glm-mcp-page",
                  "private": true,
                  "version": "0.0.0",
                  "type": "module",
                  "scripts": {
                    "dev": "vite",
                    "build": "vite build",
                    "preview": "vite preview"
                  },
                  "dependencies": {
                    {{dependencies}}
                  },
                  "devDependencies": {
                    {{pluginPackage}},
                    "vite": "^7.2.4"
                  }
                }

                """),
            new ProjectFile("vite.config.js",
                $$"""
                import { defineConfig } from 'vite';
                import {{plugin}} from '@vitejs/plugin-{{plugin}}';

                export default defineConfig({ plugins: [{{plugin}}()] });

                """),
            new ProjectFile("index.html",
                $$"""
                <!doctype html>
                <html lang="en">
                  <head>
                    <meta charset="UTF-8" />
                    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
                    <title>Page</title>
                  </head>
                  <body>
                    <div id="{{mountId}}"></div>
                    <script type="module" src="/src/{{main}}"></script>
                  </body>
                </html>

                """),
            new ProjectFile("src/" + main, mainCode),
            new ProjectFile("src/" + component, code.EndsWith('\n') ? code : code + "\n"),
        ];
    }

    /// <summary>A style block without attributes (or only <c>type="text/css"</c>): media-scoped ones stay in the page.</summary>
    [GeneratedRegex(@"<style(\s+type\s*=\s*[""']?text/css[""']?)?\s*>(?<css>.*?)</style\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex PlainStyle();
}
