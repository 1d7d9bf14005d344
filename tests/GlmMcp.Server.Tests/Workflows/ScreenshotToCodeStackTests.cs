using GlmMcp.Core.Rendering;
using GlmMcp.Core.Workflows.ScreenshotToCode;
using Microsoft.Extensions.AI;

namespace GlmMcp.Server.Tests.Workflows;

/// <summary>
/// The react and vue stacks through the real renderer: each component renders offline to the same pixels as the same
/// page written as plain HTML, what cannot run is shown on the page, and output_dir writes a project that renders the
/// same again.
/// </summary>
public sealed class ScreenshotToCodeStackTests(WorkflowServices services) : IClassFixture<WorkflowServices>
{
    private const int Width = 320;
    private const int Height = 200;

    /// <summary>A dark blue bar with a title and three orange boxes below it.</summary>
    private const string Target = """
        <!DOCTYPE html><html><head><style>
        body{margin:0;background:#fff;font:16px sans-serif}
        .bar{height:48px;background:#1e3a8a;color:#fff;padding:12px;box-sizing:border-box}
        .box{display:inline-block;width:60px;height:60px;margin:16px 0 0 16px;background:#f97316}
        </style></head><body><div class="bar">Plans</div><div class="box"></div><div class="box"></div><div class="box"></div></body></html>
        """;

    private const string Css = """
        body{margin:0;background:#fff;font:16px sans-serif}
        .bar{height:48px;background:#1e3a8a;color:#fff;padding:12px;box-sizing:border-box}
        .box{display:inline-block;width:60px;height:60px;margin:16px 0 0 16px;background:#f97316}
        """;

    private const string ReactApp = $$"""
        import React, { useState } from 'react';

        const css = `{{Css}}`;

        export default function App() {
          const [boxes] = useState([1, 2, 3]);
          return (
            <>
              <style>{css}</style>
              <div className="bar">Plans</div>
              {boxes.map(n => <div key={n} className="box"></div>)}
            </>
          );
        }
        """;

    private const string VueApp = $$$"""
        <template>
          <div class="bar">{{ title }}</div><template v-for="n in count" :key="n"><div class="box"></div></template>
        </template>

        <script>
        import { ref } from 'vue';
        export default {
          setup() {
            const count = ref(3);
            return { count, title: 'Plans' };
          },
        };
        </script>

        <style>
        {{{Css}}}
        </style>
        """;

    private ScreenshotToCodeWorkflow Workflow => services.Get<ScreenshotToCodeWorkflow>();

    private async Task<ScreenshotToCodeRequest> RequestAsync(string stack, ProjectOutput? project = null)
    {
        var (target, _) = await services.RenderAsync(Target, Width, Height);
        return new ScreenshotToCodeRequest(target, null, stack, Width, Height, 1, 1, 95, null, null, project);
    }

    [Fact]
    public async Task A_react_component_renders_offline_to_the_same_pixels_as_the_page_in_html_and_the_model_is_asked_for_app_jsx()
    {
        var request = await RequestAsync(PageStacks.React);
        var chat = new TestChatClient($"```jsx\n{ReactApp}\n```");

        var result = await Workflow.RunAsync(request, chat, null, default);

        Assert.Equal(100, result.Score!.Total);
        Assert.Equal(ReactApp, result.Code);
        var system = chat.Requests[0].Messages.Single(m => m.Role == ChatRole.System).Text;
        Assert.Contains("App.jsx", system);
        Assert.Contains("```jsx fence", system);
        Assert.Contains("Write the App.jsx component", chat.Requests[0].Messages.Single(m => m.Role == ChatRole.User).Text);
    }

    [Fact]
    public async Task A_vue_single_file_component_renders_offline_with_its_template_script_and_style_to_the_same_pixels()
    {
        var request = await RequestAsync(PageStacks.Vue);
        var chat = new TestChatClient($"```vue\n{VueApp}\n```");

        var result = await Workflow.RunAsync(request, chat, null, default);

        Assert.Equal(100, result.Score!.Total);
        Assert.Equal(VueApp, result.Code);
        Assert.Contains("App.vue", chat.Requests[0].Messages.Single(m => m.Role == ChatRole.System).Text);
    }

    [Theory]
    [InlineData(PageStacks.React, "export default function App() { return <div>; }", "App.jsx did not render")]
    [InlineData(PageStacks.React, "import _ from 'lodash';\nexport default function App() { return <div />; }", "only react and react-dom are available")]
    [InlineData(PageStacks.React, "const x = 1;", "App.jsx exports no component")]
    [InlineData(PageStacks.React, "export default function App() { throw new Error('boom'); }", "boom")]
    [InlineData(PageStacks.Vue, "<template><p>x</p></template><script setup>const a = 1;</script>", "<script setup>")]
    [InlineData(PageStacks.Vue, "<template><p>x</p></template><script>import dayjs from 'dayjs';\nexport default {};</script>", "imports 'dayjs'")]
    [InlineData(PageStacks.Vue, "<template><p>x</p></template><script lang=\"ts\">export default {};</script>", "TypeScript")]
    [InlineData(PageStacks.Vue, "<div>no template</div>", "has no <template>")]
    [InlineData(PageStacks.Vue, "<template><p>{{ broken( }}</p></template><script>export default {};</script>", "App.vue did not render")]
    public async Task A_component_that_cannot_run_is_shown_on_the_page_as_text_the_model_sees_and_nothing_loads_from_the_network(string stack, string code, string shown)
    {
        var render = await services.Get<IPageRenderer>().RenderAsync(new RenderRequest
        {
            Html = PageStackInjector.ForRender(code, stack),
            Width = Width,
            Height = Height,
            Script = "() => document.querySelector('[data-glm-error]')?.textContent ?? 'no error shown: ' + document.body.innerText",
        });

        Assert.Contains(shown, render.ScriptResult);
        Assert.Empty(render.BlockedRequests);
    }

    [Fact]
    public async Task Output_dir_writes_a_vite_react_project_whose_component_is_the_code()
    {
        var folder = services.Folder.File("react-project");
        var roots = new GlmMcp.Core.Security.AllowedRoots([services.Folder.Path]);
        var request = await RequestAsync(PageStacks.React, PageProject.Resolve(roots, folder, PageStacks.React));

        var result = await Workflow.RunAsync(request, new TestChatClient($"```jsx\n{ReactApp}\n```"), null, default);

        Assert.Equal(["index.html", "package.json", "src/App.jsx", "src/main.jsx", "vite.config.js"],
            result.WrittenFiles!.Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal));
        Assert.Equal(ReactApp + "\n", await File.ReadAllTextAsync(Path.Join(folder, "src", "App.jsx")));
        Assert.Contains("import App from './App.jsx'", await File.ReadAllTextAsync(Path.Join(folder, "src", "main.jsx")));
        Assert.Contains("<script type=\"module\" src=\"/src/main.jsx\"></script>", await File.ReadAllTextAsync(Path.Join(folder, "index.html")));
        using var package = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Join(folder, "package.json")));
        Assert.Equal("^18.3.1", package.RootElement.GetProperty("dependencies").GetProperty("react").GetString());
        Assert.True(package.RootElement.GetProperty("devDependencies").TryGetProperty("@vitejs/plugin-react", out _));
    }

    [Fact]
    public async Task Output_dir_writes_a_vite_vue_project_whose_component_is_the_code()
    {
        var folder = services.Folder.File("vue-project");
        var roots = new GlmMcp.Core.Security.AllowedRoots([services.Folder.Path]);
        var request = await RequestAsync(PageStacks.Vue, PageProject.Resolve(roots, folder, PageStacks.Vue));

        var result = await Workflow.RunAsync(request, new TestChatClient($"```vue\n{VueApp}\n```"), null, default);

        Assert.Equal(5, result.WrittenFiles!.Count);
        Assert.Equal(VueApp + "\n", await File.ReadAllTextAsync(Path.Join(folder, "src", "App.vue")));
        Assert.Contains("createApp(App).mount('#app')", await File.ReadAllTextAsync(Path.Join(folder, "src", "main.js")));
        Assert.Contains("<div id=\"app\"></div>", await File.ReadAllTextAsync(Path.Join(folder, "index.html")));
    }

    [Theory]
    [InlineData(PageStacks.React)]
    [InlineData(PageStacks.Vue)]
    public async Task The_vite_project_output_dir_writes_runs_under_a_real_vite_dev_server_and_renders_the_target_pixels(string stack)
    {
        var folder = services.Folder.File(stack + "-vite");
        var roots = new GlmMcp.Core.Security.AllowedRoots([services.Folder.Path]);
        var request = await RequestAsync(stack, PageProject.Resolve(roots, folder, stack));
        var code = stack == PageStacks.React ? ReactApp : VueApp;
        await Workflow.RunAsync(request, new TestChatClient($"```{PageStacks.FenceLanguage(stack)}\n{code}\n```"), null, default);

        await using var vite = await ViteDevServer.ServeCopyOfAsync(folder);
        var mount = stack == PageStacks.React ? "#root" : "#app";
        var served = await services.Get<IPageRenderer>().RenderAsync(new RenderRequest
        {
            Url = vite.BaseUri.ToString(), Width = Width, Height = Height,
            // The app mounts from a module script, after Vite has compiled it: wait until it has put the page in.
            Script = $"() => new Promise(done => {{ const check = () => document.querySelector('{mount}')?.children.length ? done('mounted') : setTimeout(check, 20); check(); }})",
        });

        Assert.Equal("mounted", served.ScriptResult);
        var diff = services.Get<GlmMcp.Core.Imaging.VisualDiffer>().Diff(request.Target,
            services.Get<GlmMcp.Core.Imaging.ImageDecoder>().Decode(served.Image, "served"), new GlmMcp.Core.Imaging.VisualDiffOptions());
        Assert.True(diff.DiffPixels == 0, $"{diff.DiffPixels} pixels differ from the target; Vite said:\n{vite.Output}");
    }

    [Theory]
    [InlineData(PageStacks.Html)]
    [InlineData(PageStacks.Tailwind)]
    public async Task Output_dir_of_a_page_moves_its_styles_to_styles_css_and_the_written_index_html_renders_the_same_pixels(string stack)
    {
        var page = stack == PageStacks.Html
            ? Target
            : "<!DOCTYPE html><html><head><script src=\"https://cdn.tailwindcss.com\"></script><style>body{margin:0}</style></head><body><div class=\"h-12 bg-[#1e3a8a]\"></div></body></html>";
        var folder = services.Folder.File(stack + "-project");
        var roots = new GlmMcp.Core.Security.AllowedRoots([services.Folder.Path]);
        var (target, _) = await services.RenderAsync(PageStackInjector.ForRender(page, stack), Width, Height);
        var request = new ScreenshotToCodeRequest(target, null, stack, Width, Height, 1, 1, 95, null, null, PageProject.Resolve(roots, folder, stack));

        var result = await Workflow.RunAsync(request, new TestChatClient($"```html\n{page}\n```"), null, default);

        Assert.Equal(100, result.Score!.Total);
        var index = await File.ReadAllTextAsync(Path.Join(folder, "index.html"));
        Assert.Contains("<link rel=\"stylesheet\" href=\"styles.css\">", index);
        Assert.DoesNotContain("<style>", index);
        Assert.StartsWith("body{margin:0", await File.ReadAllTextAsync(Path.Join(folder, "styles.css")));
        if (stack == PageStacks.Tailwind)
        {
            Assert.Contains("<script src=\"tailwindcss-browser.js\"></script>", index);
            Assert.DoesNotContain("cdn.tailwindcss.com", index);
            Assert.True(new FileInfo(Path.Join(folder, "tailwindcss-browser.js")).Length > 100_000);
        }
        var written = await services.Get<IPageRenderer>().RenderAsync(new RenderRequest
        {
            FilePath = Path.Join(folder, "index.html"), Width = Width, Height = Height, Roots = roots,
        });
        var diff = services.Get<GlmMcp.Core.Imaging.VisualDiffer>().Diff(target,
            services.Get<GlmMcp.Core.Imaging.ImageDecoder>().Decode(written.Image, "written"), new GlmMcp.Core.Imaging.VisualDiffOptions());
        Assert.Equal(0, diff.DiffPixels);
        Assert.Empty(written.BlockedRequests);
    }

    [Theory]
    [InlineData(PageStacks.React, "App.jsx")]
    [InlineData(PageStacks.Vue, "App.vue")]
    public async Task Locate_and_edit_on_a_component_session_says_it_edits_html_pages_and_leaves_the_session_as_it_was(string stack, string file)
    {
        var store = services.Sessions;
        var session = await store.CreateAsync(new GlmMcp.Core.Sessions.NewSession(Width, Height, 1, stack), default);
        await store.AddVersionAsync(session.Id, new GlmMcp.Core.Sessions.NewSessionVersion(stack == PageStacks.React ? ReactApp : VueApp, null, "generate", null, null), default);
        var chat = new TestChatClient();

        var error = await Assert.ThrowsAsync<GlmMcp.Core.UserInputException>(() => services.Get<GlmMcp.Core.Workflows.LocateAndEdit.LocateAndEditWorkflow>().RunAsync(
            new GlmMcp.Core.Workflows.LocateAndEdit.LocateAndEditRequest("make it red", new GlmMcp.Core.Imaging.PixelRect(0, 0, 100, 48), null, null, session.Id, null, false),
            chat, null, default));

        Assert.Contains($"holds a {stack} component ({file})", error.Message);
        Assert.Contains("stack html or tailwind", error.Message);
        Assert.Empty(chat.Requests);
        Assert.Equal(1, (await store.GetAsync(session.Id, default)).Current);
    }
}
