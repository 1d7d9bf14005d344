using System.Text.Json;
using GlmMcp.Core.Arguments;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace GlmMcp.Server.Hosting;

/// <summary>
/// Runs a tool call with the arguments the stdio transport took out of its message (<see cref="InlineArgumentBag"/>):
/// their placeholders resolve inside this call only, and the values are dropped when it ends, whether it succeeded,
/// failed or was cancelled. An argument whose code does not read placeholders gets its text back first.
/// </summary>
public static class InlineArgumentsFilter
{
    /// <summary>Where the transport puts a request's bag, in its message's context items.</summary>
    public const string ItemKey = "glm-mcp/inline-arguments";

    /// <summary>The arguments read through <see cref="InlineArguments"/>: images (by the image loader) and HTML text (by the renderer).</summary>
    private static readonly HashSet<(string Tool, string Argument)> Resolved =
    [
        ("visual_diff", "before"),
        ("visual_diff", "after"),
        ("describe_image", "image"),
        ("screenshot_to_code", "image"),
        ("locate_and_edit", "annotated_image"),
        ("render_page", "html"),
    ];

    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Create(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            if (context.Items is null || !context.Items.TryGetValue(ItemKey, out var item) || item is not InlineArgumentBag bag)
                return await next(context, cancellationToken);
            try
            {
                if (context.Params is { Arguments: { } arguments } call)
                {
                    foreach (var (name, value) in arguments.ToArray())
                    {
                        if (value.ValueKind == JsonValueKind.String && bag.Find(value.GetString()) is { } inline && !Resolved.Contains((call.Name, name)))
                            arguments[name] = JsonSerializer.SerializeToElement(inline.ToText(), McpJsonUtilities.DefaultOptions.GetTypeInfo<string>());
                    }
                }
                using var scope = InlineArguments.Begin(bag);
                return await next(context, cancellationToken);
            }
            finally
            {
                bag.Clear();
            }
        };
}
