using System.Text.RegularExpressions;

namespace GlmMcp.Core.Workflows.ScreenshotToCode;

/// <summary>
/// The blocks of a Vue single-file component (<c>App.vue</c>): the top-level <c>&lt;template&gt;</c> (nested
/// templates inside it kept), the first <c>&lt;script&gt;</c> with its attributes, and every <c>&lt;style&gt;</c>.
/// </summary>
internal sealed partial record SingleFileComponent(string? Template, string? Script, string ScriptAttributes, IReadOnlyList<string> Styles)
{
    public static SingleFileComponent Parse(string code)
    {
        var script = ScriptBlock().Match(code);
        var styles = StyleBlock().Matches(code).Select(m => m.Groups["body"].Value).ToList();
        return new SingleFileComponent(TemplateBody(code), script.Success ? script.Groups["body"].Value : null,
            script.Success ? script.Groups["attributes"].Value : "", styles);
    }

    /// <summary>The body of the first top-level template: from its start tag to the end tag that balances it.</summary>
    private static string? TemplateBody(string code)
    {
        var open = TemplateOpen().Match(code);
        if (!open.Success)
            return null;
        var depth = 1;
        for (var tag = TemplateTag().Match(code, open.Index + open.Length); tag.Success; tag = tag.NextMatch())
        {
            depth += tag.Value[1] == '/' ? -1 : 1;
            if (depth == 0)
                return code[(open.Index + open.Length)..tag.Index];
        }
        return code[(open.Index + open.Length)..];
    }

    [GeneratedRegex(@"<template\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TemplateOpen();

    [GeneratedRegex(@"</?template\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TemplateTag();

    [GeneratedRegex(@"<script\b(?<attributes>[^>]*)>(?<body>.*?)</script\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex ScriptBlock();

    [GeneratedRegex(@"<style\b[^>]*>(?<body>.*?)</style\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex StyleBlock();
}
