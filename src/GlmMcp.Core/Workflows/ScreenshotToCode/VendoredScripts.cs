namespace GlmMcp.Core.Workflows.ScreenshotToCode;

/// <summary>
/// The JavaScript libraries pages of each stack need, shipped inside this assembly (from <c>third_party/</c>, see its
/// READMEs) and inlined into the page at render time, so a render never asks the network for them.
/// </summary>
internal static class VendoredScripts
{
    private static readonly Lazy<string> _tailwind = Load("tailwindcss-browser.js");
    private static readonly Lazy<string> _react = Load("react.production.min.js");
    private static readonly Lazy<string> _reactDom = Load("react-dom.production.min.js");
    private static readonly Lazy<string> _babel = Load("babel.min.js");
    private static readonly Lazy<string> _vue = Load("vue.global.prod.js");

    /// <summary>Tailwind CSS's browser build (<c>@tailwindcss/browser</c>).</summary>
    public static string Tailwind => _tailwind.Value;

    /// <summary>React 18's UMD build: the global <c>React</c>.</summary>
    public static string React => _react.Value;

    /// <summary>ReactDOM 18's UMD build: the global <c>ReactDOM</c>.</summary>
    public static string ReactDom => _reactDom.Value;

    /// <summary>Babel standalone: the global <c>Babel</c>, which turns JSX and imports into plain script.</summary>
    public static string Babel => _babel.Value;

    /// <summary>Vue 3's global build with the template compiler: the global <c>Vue</c>.</summary>
    public static string Vue => _vue.Value;

    /// <summary>A <c>&lt;script&gt;</c> element holding <paramref name="source"/>.</summary>
    public static string Inline(string source) => "<script>" + source + "</script>";

    private static Lazy<string> Load(string file) => new(() =>
    {
        using var stream = typeof(VendoredScripts).Assembly.GetManifestResourceStream("GlmMcp.Core." + file)
                           ?? throw new InvalidOperationException($"The vendored script {file} is missing from GlmMcp.Core (see third_party/).");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
