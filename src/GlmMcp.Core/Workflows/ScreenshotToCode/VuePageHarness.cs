using System.Text.Json;
using System.Text.RegularExpressions;

namespace GlmMcp.Core.Workflows.ScreenshotToCode;

/// <summary>
/// The page that renders a <see cref="PageStacks.Vue"/> answer, one <c>App.vue</c> single-file component, with Vue's
/// global build (which compiles templates in the page) inlined: the styles go to the head, the script's
/// <c>import { … } from 'vue'</c> become reads of the global <c>Vue</c> and its <c>export default</c> the component's
/// options, the template is compiled by Vue, and the app is mounted on <c>#app</c> before the page's load event. What
/// cannot run this way (<c>&lt;script setup&gt;</c>, TypeScript, imports of other modules, a template or script error)
/// is shown on the page as text, where the model sees it in the next round's render.
/// </summary>
internal static partial class VuePageHarness
{
    public static string Page(string code)
    {
        var component = SingleFileComponent.Parse(code);
        var (script, problem) = Script(component);
        var styles = string.Concat(component.Styles.Select(css => "<style>" + css + "</style>"));
        return "<!doctype html>\n<html><head><meta charset=\"utf-8\">" + VendoredScripts.Inline(VendoredScripts.Vue) + styles +
               "</head><body><div id=\"app\"></div>" +
               VendoredScripts.Inline(PageErrors.Script + "(function () {\n" +
                   "  try {\n" +
                   (problem is null ? "" : "    throw new Error(" + JsonSerializer.Serialize(problem) + ");\n") +
                   "    var options = new Function('Vue', " + JsonSerializer.Serialize(script) + ")(Vue) || {};\n" +
                   "    options = Object.assign({}, options, { template: " + JsonSerializer.Serialize(component.Template ?? "") + " });\n" +
                   "    var app = Vue.createApp(options);\n" +
                   "    app.config.errorHandler = function (e) { throw e; };\n" +
                   "    app.config.compilerOptions.onError = function (e) { throw e; };\n" +
                   "    app.mount('#app');\n" +
                   "  } catch (e) { glmShowError('App.vue', e); }\n" +
                   "})();") +
               "</body></html>";
    }

    /// <summary>The component's script as a function body returning its options, or why it cannot run here.</summary>
    private static (string Script, string? Problem) Script(SingleFileComponent component)
    {
        if (component.Template is null)
            return ("", "App.vue has no <template> block.");
        if (component.Script is not { } script)
            return ("return {};", null);
        if (SetupAttribute().IsMatch(component.ScriptAttributes))
            return ("", "App.vue uses <script setup>, which needs a build step: write <script> with export default { setup() { … } } or the Options API.");
        if (TypeScriptAttribute().IsMatch(component.ScriptAttributes))
            return ("", "App.vue's script is TypeScript: write plain JavaScript.");
        var body = VueImport().Replace(script, m => "const {" + m.Groups["names"].Value.Replace(" as ", ": ", StringComparison.Ordinal) + "} = Vue;");
        body = WholeVueImport().Replace(body, m => m.Groups["name"].Value == "Vue" ? "" : "const " + m.Groups["name"].Value + " = Vue;");
        if (OtherImport().Match(body) is { Success: true } other)
            return ("", $"App.vue imports '{other.Groups["module"].Value}': only 'vue' is available.");
        body = ExportDefault().Replace(body, "__component = ", 1);
        body = NamedExport().Replace(body, "$1");
        return ("var __component;\n" + body + "\n;return __component;", null);
    }

    [GeneratedRegex(@"\bsetup\b", RegexOptions.CultureInvariant)]
    private static partial Regex SetupAttribute();

    [GeneratedRegex(@"\blang\s*=\s*[""']?ts", RegexOptions.CultureInvariant)]
    private static partial Regex TypeScriptAttribute();

    [GeneratedRegex(@"import\s*\{(?<names>[^}]*)\}\s*from\s*[""']vue[""']\s*;?", RegexOptions.CultureInvariant)]
    private static partial Regex VueImport();

    [GeneratedRegex(@"import\s+(\*\s+as\s+)?(?<name>[\w$]+)\s+from\s*[""']vue[""']\s*;?", RegexOptions.CultureInvariant)]
    private static partial Regex WholeVueImport();

    [GeneratedRegex(@"^\s*import\b[^'""\n]*[""'](?<module>[^""']+)[""']", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex OtherImport();

    [GeneratedRegex(@"\bexport\s+default\s+", RegexOptions.CultureInvariant)]
    private static partial Regex ExportDefault();

    [GeneratedRegex(@"^(\s*)export\s+(?=(const|let|var|function|class)\b)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex NamedExport();
}
