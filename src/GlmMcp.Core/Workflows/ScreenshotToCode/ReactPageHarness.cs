using System.Text.Json;

namespace GlmMcp.Core.Workflows.ScreenshotToCode;

/// <summary>
/// The page that renders a <see cref="PageStacks.React"/> answer, one <c>App.jsx</c> module: React 18, ReactDOM and
/// Babel standalone inlined; Babel turns the JSX and the module's imports/exports into plain script; imports of
/// <c>react</c> and <c>react-dom</c> resolve to the globals; the default export (or <c>App</c>) is rendered into
/// <c>#root</c> synchronously, so the page is complete when it has loaded. A syntax error, a missing component or an
/// error while rendering is shown on the page as text, where the model sees it in the next round's render.
/// </summary>
internal static class ReactPageHarness
{
    public static string Page(string code) =>
        "<!doctype html>\n<html><head><meta charset=\"utf-8\">" +
        VendoredScripts.Inline(VendoredScripts.React) +
        VendoredScripts.Inline(VendoredScripts.ReactDom) +
        VendoredScripts.Inline(VendoredScripts.Babel) +
        "</head><body><div id=\"root\"></div>" +
        VendoredScripts.Inline(PageErrors.Script + "(function () {\n" +
            "  var source = " + JsonSerializer.Serialize(code) + ";\n" +
            "  try {\n" +
            "    var compiled = Babel.transform(source, { presets: [['react', { runtime: 'classic' }]], plugins: ['transform-modules-commonjs'], sourceType: 'module', filename: 'App.jsx' }).code;\n" +
            "    var module = { exports: {} };\n" +
            "    var require = function (name) {\n" +
            "      if (name === 'react') return React;\n" +
            "      if (name === 'react-dom' || name === 'react-dom/client') return ReactDOM;\n" +
            "      throw new Error('App.jsx imports \"' + name + '\": only react and react-dom are available.');\n" +
            "    };\n" +
            "    new Function('module', 'exports', 'require', 'React', 'ReactDOM', compiled)(module, module.exports, require, React, ReactDOM);\n" +
            "    var App = module.exports.default || module.exports.App;\n" +
            "    if (typeof App !== 'function' && typeof App !== 'object') throw new Error('App.jsx exports no component: write export default function App() { … }.');\n" +
            "    var root = ReactDOM.createRoot(document.getElementById('root'));\n" +
            "    ReactDOM.flushSync(function () { root.render(React.createElement(App)); });\n" +
            "  } catch (e) { glmShowError('App.jsx', e); }\n" +
            "})();") +
        "</body></html>";
}
