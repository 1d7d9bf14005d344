using System.Diagnostics;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Security;
using Microsoft.Extensions.AI;

namespace GlmMcp.Core.Workflows.DescribeImage;

/// <summary>
/// <c>describe_image</c>: loads the image (path, URL, data URI or base64), reports what it costs the model, asks the
/// engine (streaming, with progress), and returns the clean answer — in locate mode also the boxes in pixels and the
/// image with them drawn.
/// </summary>
public sealed class DescribeImageWorkflow(ImageLoader loader, IModelAnswerReader reader)
{
    /// <summary>The context GLM-4.6V has; no answer can be longer.</summary>
    public const int MaxTokensCeiling = 131072;

    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    public async Task<DescribeImageResult> RunAsync(DescribeImageRequest request, IChatClient client, string engine,
        AllowedRoots roots, IProgress<DescribeImageProgress>? progress, CancellationToken cancellationToken)
    {
        if (request.MaxTokens is < 1 or > MaxTokensCeiling)
            throw new UserInputException($"'max_tokens' must be between 1 and {MaxTokensCeiling}, got {request.MaxTokens}.");
        var prompt = DescribeImagePrompts.For(request.Mode, request.Prompt);

        progress?.Report(new DescribeImageProgress(0, null, "loading the image"));
        var bytes = await loader.ReadBytesAsync(request.Image, roots, "image", cancellationToken).ConfigureAwait(false);
        var image = loader.Decoder.Decode(bytes, "image");
        var tokens = GlmImageGrid.ImageTokens(image.Width, image.Height);
        var (data, mediaType) = ForModel(bytes, image);

        var options = new ChatOptions { MaxOutputTokens = request.MaxTokens };
        if (request.Thinking is { } thinking)
            options.Reasoning = new ReasoningOptions { Effort = thinking ? ReasoningEffort.Medium : ReasoningEffort.None };
        ChatMessage[] messages = [new(ChatRole.User, [new DataContent(data, mediaType), new TextContent(prompt)])];

        progress?.Report(new DescribeImageProgress(0, request.MaxTokens, $"asking {engine} ({image.Width}x{image.Height}, {tokens} image tokens)"));
        var updates = new List<ChatResponseUpdate>();
        var sinceReport = Stopwatch.StartNew();
        await foreach (var update in client.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
            if (sinceReport.Elapsed >= ProgressInterval)
            {
                progress?.Report(new DescribeImageProgress(updates.Count, request.MaxTokens, $"generating ({updates.Count} chunks)"));
                sinceReport.Restart();
            }
        }
        var response = updates.ToChatResponse();
        var answer = reader.VisibleText(response.Text);

        IReadOnlyList<LocatedBox> boxes = [];
        IReadOnlyList<string> rejected = [];
        byte[]? annotated = null;
        if (request.Mode == DescribeMode.Locate)
        {
            boxes = reader.ReadBoxes(response.Text, image.Width, image.Height);
            rejected = reader.RejectedBoxes(response.Text, image.Width, image.Height);
            if (boxes.Count > 0)
                annotated = BoxPainter.Draw(image, boxes);
        }
        progress?.Report(new DescribeImageProgress(updates.Count, updates.Count, "done"));
        return new DescribeImageResult(answer, request.Mode, image.Width, image.Height, tokens, engine, boxes, annotated,
            response.Usage?.OutputTokenCount, rejected);
    }

    /// <summary>PNG, JPEG and WebP go as they are; other formats (GIF, BMP) as PNG, which every engine reads.</summary>
    private static (byte[] Data, string MediaType) ForModel(byte[] bytes, RgbaImage image)
    {
        ReadOnlySpan<byte> head = bytes;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47]))
            return (bytes, "image/png");
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
            return (bytes, "image/jpeg");
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
            return (bytes, "image/webp");
        return (ImageEncoder.EncodePng(image), "image/png");
    }
}
