namespace GlmMcp.Core.Workflows.ScreenshotToCode;

/// <summary>The kinds of page the main job writes, and what the model is asked for in each.</summary>
public static class PageStacks
{
    /// <summary>One HTML file with inline CSS and JavaScript.</summary>
    public const string Html = "html";

    /// <summary>One HTML file styled with Tailwind utility classes.</summary>
    public const string Tailwind = "tailwind";

    /// <summary>One React 18 function component, <c>App.jsx</c>, its CSS inside it.</summary>
    public const string React = "react";

    /// <summary>One Vue 3 single-file component, <c>App.vue</c>: template, plain script and style.</summary>
    public const string Vue = "vue";

    public static IReadOnlyList<string> All { get; } = [Html, Tailwind, React, Vue];

    public static bool IsKnown(string stack) => All.Contains(stack, StringComparer.Ordinal);

    /// <summary>The Markdown fence language the model writes its code in.</summary>
    public static string FenceLanguage(string stack) => stack switch
    {
        React => "jsx",
        Vue => "vue",
        _ => "html",
    };

    /// <summary>The name of the file the code is (<c>index.html</c>, <c>App.jsx</c>, <c>App.vue</c>).</summary>
    public static string FileName(string stack) => stack switch
    {
        React => "App.jsx",
        Vue => "App.vue",
        _ => "index.html",
    };

    /// <summary>The media type of the code, for resources and embedded results.</summary>
    public static string MediaType(string stack) => stack switch
    {
        React => "text/jsx",
        Vue => "text/x-vue",
        _ => "text/html",
    };

    /// <summary>Whether <c>locate_and_edit</c> can map the rendered page back to the code (plain HTML source).</summary>
    public static bool IsHtmlSource(string stack) => stack is Html or Tailwind;
}
