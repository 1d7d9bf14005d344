using System.Diagnostics;
using System.Text;
using GlmMcp.Core.Documents;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Security;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace GlmMcp.Core.Workflows.DescribeImage;

/// <summary>
/// <c>describe_image</c>: loads the input (path, URL, data URI or base64) — an image, a PDF or a video — estimates what
/// it costs the model before sending anything (refusing what would not fit the context), asks the engine (streaming,
/// with progress), and returns the clean answer; in locate mode also the boxes in pixels and the image with them drawn.
/// PDF pages and video frames go to the engine as images after their page number or time; describe asks about them
/// all at once, ocr and locate ask about each alone so text and boxes come back per page or frame.
/// </summary>
public sealed class DescribeImageWorkflow(ImageLoader loader, IModelAnswerReader reader, PdfRasterizer pdfs, VideoSampler videos,
    IOptions<DocumentOptions> documents)
{
    /// <summary>The context GLM-4.6V has; no answer can be longer.</summary>
    public const int MaxTokensCeiling = TokenBudget.ContextTokens;

    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    public async Task<DescribeImageResult> RunAsync(DescribeImageRequest request, IChatClient client, string engine,
        AllowedRoots roots, IProgress<DescribeImageProgress>? progress, CancellationToken cancellationToken)
    {
        if (request.MaxTokens is < 1 or > MaxTokensCeiling)
            throw new UserInputException($"'max_tokens' must be between 1 and {MaxTokensCeiling}, got {request.MaxTokens}.");
        var prompt = DescribeImagePrompts.For(request.Mode, request.Prompt);

        progress?.Report(new DescribeImageProgress(0, null, "loading the image"));
        var bytes = await loader.ReadBytesAsync(request.Image, roots, "image", cancellationToken).ConfigureAwait(false);
        var kind = MediaSniffer.Detect(bytes);
        CheckArguments(request, kind);
        var options = new ChatOptions { MaxOutputTokens = request.MaxTokens };
        if (request.Thinking is { } thinking)
            options.Reasoning = new ReasoningOptions { Effort = thinking ? ReasoningEffort.Medium : ReasoningEffort.None };
        var run = new Run(client, engine, options, progress, cancellationToken);
        return kind switch
        {
            MediaKind.Pdf => await PdfAsync(request, bytes, prompt, run).ConfigureAwait(false),
            MediaKind.Video => await VideoAsync(request, bytes, prompt, run).ConfigureAwait(false),
            _ => await ImageAsync(request, bytes, prompt, run).ConfigureAwait(false),
        };
    }

    private sealed record Run(IChatClient Client, string Engine, ChatOptions Options, IProgress<DescribeImageProgress>? Progress,
        CancellationToken CancellationToken);

    private async Task<DescribeImageResult> ImageAsync(DescribeImageRequest request, byte[] bytes, string prompt, Run run)
    {
        var image = loader.Decoder.Decode(bytes, "image");
        var tokens = GlmImageGrid.ImageTokens(image.Width, image.Height);
        var text = TokenBudget.TextTokens(prompt);
        var answerTokens = request.MaxTokens ?? TokenBudget.DefaultAnswerTokens;
        var estimate = Checked(new TokenEstimate(1, tokens, text, answerTokens, tokens + text + answerTokens, TokenBudget.ContextTokens));
        var (data, mediaType) = ForModel(bytes, image);

        run.Progress?.Report(new DescribeImageProgress(0, request.MaxTokens, $"asking {run.Engine} ({image.Width}x{image.Height}, {tokens} image tokens)"));
        var response = await AskAsync([new DataContent(data, mediaType), new TextContent(prompt)], run, request.MaxTokens).ConfigureAwait(false);
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
        run.Progress?.Report(new DescribeImageProgress(1, 1, "done"));
        return new DescribeImageResult(answer, request.Mode, image.Width, image.Height, tokens, run.Engine, boxes, annotated,
            response.Usage?.OutputTokenCount, rejected) { Estimate = estimate };
    }

    private async Task<DescribeImageResult> PdfAsync(DescribeImageRequest request, byte[] bytes, string prompt, Run run)
    {
        var limits = documents.Value;
        var together = request.Mode == DescribeMode.Describe;
        run.Progress?.Report(new DescribeImageProgress(0, null, "reading the PDF"));
        var drawn = run.Progress is null ? null : new SynchronousProgress<int>(n => run.Progress.Report(new DescribeImageProgress(n, null, $"drawing page {n}")));
        var pdf = await pdfs.RasterizeAsync(bytes, request.Pages, sizes => TokenBudget.Plan(sizes, together ? sizes.Count : 1, limits.PageSide,
                limits.MinTokensPerImage, TextTokens(prompt, DescribeImagePrompts.PdfIntro(sizes.Count, 1), together ? sizes.Count : 1),
                request.MaxTokens ?? TokenBudget.DefaultAnswerTokens, "page", "Select fewer pages with 'pages'"),
            drawn, run.CancellationToken).ConfigureAwait(false);
        var intro = DescribeImagePrompts.PdfIntro(pdf.Pages.Count, pdf.PageCount);
        var result = await AskAboutPartsAsync(request, pdf.Pages, prompt, intro, DescribeImagePrompts.CitePages, run).ConfigureAwait(false);
        return result with { Kind = MediaKind.Pdf, PageCount = pdf.PageCount };
    }

    private async Task<DescribeImageResult> VideoAsync(DescribeImageRequest request, byte[] bytes, string prompt, Run run)
    {
        var limits = documents.Value;
        var together = request.Mode == DescribeMode.Describe;
        run.Progress?.Report(new DescribeImageProgress(0, null, "opening the video"));
        var taken = run.Progress is null ? null : new SynchronousProgress<int>(n => run.Progress.Report(new DescribeImageProgress(n, null, $"took {n} frames")));
        var video = await videos.SampleAsync(bytes, MediaSniffer.VideoType(bytes)!,
            duration => FrameTimes.Choose(duration, request.Start, request.End, request.Fps, request.MaxFrames, limits.MaxFrames),
            (width, height, count) => TokenBudget.Plan([(width, height)], together ? count : 1, limits.FrameSide, limits.MinTokensPerImage,
                TextTokens(prompt, DescribeImagePrompts.VideoIntro(count, "00:00:00"), together ? count : 1),
                request.MaxTokens ?? TokenBudget.DefaultAnswerTokens, "frame", "Take fewer frames with 'max_frames' or a lower 'fps'")[0],
            taken, run.CancellationToken).ConfigureAwait(false);
        var intro = DescribeImagePrompts.VideoIntro(video.Frames.Count, Timestamp.Format(video.DurationSeconds));
        var result = await AskAboutPartsAsync(request, video.Frames, prompt, intro, DescribeImagePrompts.CiteTimes, run).ConfigureAwait(false);
        return result with { Kind = MediaKind.Video, DurationSeconds = video.DurationSeconds, FrameSource = video.Source };
    }

    /// <summary>Text tokens of one request: the prompt, the intro and each part's label.</summary>
    private static int TextTokens(string prompt, string intro, int parts) =>
        TokenBudget.TextTokens(prompt) + TokenBudget.TextTokens(intro) + TokenBudget.TextTokens(DescribeImagePrompts.CitePages) +
        parts * TokenBudget.TextTokens("Frame at 00:00:00.0:");

    private async Task<DescribeImageResult> AskAboutPartsAsync(DescribeImageRequest request, IReadOnlyList<MediaImage> parts, string prompt,
        string intro, string cite, Run run)
    {
        var answerTokens = request.MaxTokens ?? TokenBudget.DefaultAnswerTokens;
        var imageTokens = parts.Sum(p => p.Tokens);
        if (request.Mode == DescribeMode.Describe)
        {
            var text = TextTokens(prompt, intro, parts.Count);
            var estimate = Checked(new TokenEstimate(1, imageTokens, text, answerTokens, imageTokens + text + answerTokens, TokenBudget.ContextTokens));
            List<AIContent> contents = [new TextContent(intro)];
            foreach (var part in parts)
            {
                contents.Add(new TextContent(DescribeImagePrompts.Label(part)));
                contents.Add(new DataContent(part.Data, part.MediaType));
            }
            contents.Add(new TextContent($"{prompt}\n{cite}"));
            run.Progress?.Report(new DescribeImageProgress(0, request.MaxTokens,
                $"asking {run.Engine} ({parts.Count} {(parts[0].Page is null ? "frames" : "pages")}, {imageTokens} image tokens)"));
            var response = await AskAsync(contents, run, request.MaxTokens).ConfigureAwait(false);
            run.Progress?.Report(new DescribeImageProgress(1, 1, "done"));
            return new DescribeImageResult(reader.VisibleText(response.Text), request.Mode, 0, 0, imageTokens, run.Engine, [], null,
                response.Usage?.OutputTokenCount, [])
            {
                Parts = [.. parts.Select(p => new DescribedPart(p, null, [], [], null))],
                Estimate = estimate,
            };
        }

        var each = TokenBudget.TextTokens(prompt);
        var largest = parts.Max(p => p.Tokens) + each + answerTokens;
        var perPart = Checked(new TokenEstimate(parts.Count, imageTokens, each * parts.Count, answerTokens, largest, TokenBudget.ContextTokens));
        var described = new List<DescribedPart>(parts.Count);
        var answer = new StringBuilder();
        long? output = null;
        foreach (var part in parts)
        {
            run.Progress?.Report(new DescribeImageProgress(described.Count, parts.Count, $"asking {run.Engine} about {part.Label}"));
            var response = await AskAsync([new DataContent(part.Data, part.MediaType), new TextContent(prompt)], run, null).ConfigureAwait(false);
            if (response.Usage?.OutputTokenCount is { } used)
                output = (output ?? 0) + used;
            var visible = reader.VisibleText(response.Text);
            answer.Append(answer.Length == 0 ? "" : "\n\n").Append("## ").Append(char.ToUpperInvariant(part.Label[0])).Append(part.Label[1..])
                .Append("\n\n").Append(visible);
            IReadOnlyList<LocatedBox> boxes = [];
            IReadOnlyList<string> rejected = [];
            byte[]? annotated = null;
            if (request.Mode == DescribeMode.Locate)
            {
                boxes = reader.ReadBoxes(response.Text, part.Width, part.Height);
                rejected = reader.RejectedBoxes(response.Text, part.Width, part.Height);
                if (boxes.Count > 0)
                    annotated = BoxPainter.Draw(loader.Decoder.Decode(part.Data, "image"), boxes);
            }
            described.Add(new DescribedPart(part, visible, boxes, rejected, annotated));
        }
        run.Progress?.Report(new DescribeImageProgress(parts.Count, parts.Count, "done"));
        return new DescribeImageResult(answer.ToString(), request.Mode, 0, 0, imageTokens, run.Engine, [], null, output, [])
        {
            Parts = described,
            Estimate = perPart,
        };
    }

    private static async Task<ChatResponse> AskAsync(IList<AIContent> contents, Run run, int? total)
    {
        ChatMessage[] messages = [new(ChatRole.User, contents)];
        var updates = new List<ChatResponseUpdate>();
        var sinceReport = Stopwatch.StartNew();
        await foreach (var update in run.Client.GetStreamingResponseAsync(messages, run.Options, run.CancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
            if (total is not null && sinceReport.Elapsed >= ProgressInterval)
            {
                run.Progress?.Report(new DescribeImageProgress(updates.Count, total, $"generating ({updates.Count} chunks)"));
                sinceReport.Restart();
            }
        }
        return updates.ToChatResponse();
    }

    /// <summary>Refuses a request whose largest part would not fit GLM-4.6V's context, before anything is sent.</summary>
    private static TokenEstimate Checked(TokenEstimate estimate)
    {
        if (estimate.LargestRequestTokens <= estimate.ContextTokens)
            return estimate;
        var room = estimate.ContextTokens - (estimate.LargestRequestTokens - estimate.AnswerTokens);
        throw new UserInputException(
            $"This request needs about {estimate.LargestRequestTokens:N0} tokens (images, prompt and an answer budget of " +
            $"{estimate.AnswerTokens:N0}), more than GLM-4.6V's {estimate.ContextTokens:N0}-token context. " +
            (room > 0 ? $"Lower 'max_tokens' to at most {room:N0}." : "Send less: fewer pages or frames."));
    }

    private static void CheckArguments(DescribeImageRequest request, MediaKind kind)
    {
        string[] video = [.. new[] { ("fps", request.Fps is not null), ("max_frames", request.MaxFrames is not null), ("start", request.Start is not null), ("end", request.End is not null) }
            .Where(a => a.Item2).Select(a => $"'{a.Item1}'")];
        if (kind != MediaKind.Pdf && request.Pages is not null)
            throw new UserInputException($"'pages' selects pages of a PDF, but 'image' is {Described(kind)}.{(kind == MediaKind.Video ? " Use 'start' and 'end' for a part of a video." : "")}");
        if (kind != MediaKind.Video && video.Length > 0)
            throw new UserInputException($"{string.Join(", ", video)} appl{(video.Length == 1 ? "ies" : "y")} to videos, but 'image' is {Described(kind)}.{(kind == MediaKind.Pdf ? " Use 'pages' for a part of a PDF." : "")}");
    }

    private static string Described(MediaKind kind) => kind switch
    {
        MediaKind.Pdf => "a PDF",
        MediaKind.Video => "a video",
        _ => "an image",
    };

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
