namespace GlmMcp.Core.Workflows.ScreenshotToCode;

/// <summary>
/// Script for the pages that run a component (<see cref="ReactPageHarness"/>, <see cref="VuePageHarness"/>): the
/// function <c>glmShowError(file, error)</c>, which replaces the page with the error as red monospace text, and a
/// window error handler that does the same for errors thrown later while the page loads.
/// </summary>
internal static class PageErrors
{
    public const string Script =
        "function glmShowError(file, e) {\n" +
        "  var text = file + ' did not render: ' + (e && e.message ? e.message : String(e));\n" +
        "  var pre = document.createElement('pre');\n" +
        "  pre.setAttribute('data-glm-error', '');\n" +
        "  pre.style.cssText = 'margin:0;padding:16px;color:#b00020;background:#fff;font:14px/1.4 monospace;white-space:pre-wrap';\n" +
        "  pre.textContent = text;\n" +
        "  document.body.replaceChildren(pre);\n" +
        "}\n" +
        "window.addEventListener('error', function (event) { glmShowError('The page', event.error || event.message); });\n";
}
