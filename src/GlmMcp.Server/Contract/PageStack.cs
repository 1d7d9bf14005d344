using System.Text.Json.Serialization;
using GlmMcp.Core.Workflows.ScreenshotToCode;

namespace GlmMcp.Server.Contract;

/// <summary>The <c>stack</c> argument: which kind of page <c>screenshot_to_code</c> writes (see <see cref="PageStacks"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PageStack>))]
public enum PageStack
{
    /// <summary>One HTML file with inline CSS and JavaScript.</summary>
    [JsonStringEnumMemberName(PageStacks.Html)]
    Html,

    /// <summary>One HTML file styled with Tailwind utility classes.</summary>
    [JsonStringEnumMemberName(PageStacks.Tailwind)]
    Tailwind,

    /// <summary>One React 18 component file, App.jsx.</summary>
    [JsonStringEnumMemberName(PageStacks.React)]
    React,

    /// <summary>One Vue 3 single-file component, App.vue.</summary>
    [JsonStringEnumMemberName(PageStacks.Vue)]
    Vue,
}
