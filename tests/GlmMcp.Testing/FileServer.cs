using System.Net;
using System.Net.Http.Headers;

namespace GlmMcp.Testing;

/// <summary>Serves byte arrays the way a plain mirror's <c>resolve</c> URL does, honouring <c>Range: bytes=N-</c>; a HEAD
/// gets no size and no hash. <see cref="Hub"/> adds the Hugging Face way: a redirect carrying the file's metadata.</summary>
public static class FileServer
{
    /// <summary>Answers <paramref name="request"/> with <paramref name="content"/>; with <paramref name="cutAfter"/>
    /// the connection is dropped after that many body bytes, while Content-Length promises all of them; with
    /// <paramref name="chunked"/> no Content-Length is sent at all.</summary>
    public static async Task ServeAsync(HttpListenerContext context, RecordedRequest request, byte[] content, int? cutAfter = null,
        bool chunked = false)
    {
        if (request.Method == "HEAD")
            return;
        var start = 0;
        if (request.Header("Range") is { } range && RangeHeaderValue.TryParse(range, out var parsed) && parsed.Ranges.First().From is { } from)
        {
            start = (int)from;
            context.Response.StatusCode = 206;
            context.Response.AddHeader("Content-Range", $"bytes {start}-{content.Length - 1}/{content.Length}");
        }
        context.Response.ContentType = "application/octet-stream";
        if (chunked)
            context.Response.SendChunked = true;
        else
            context.Response.ContentLength64 = content.Length - start;
        var body = content.AsMemory(start);
        if (cutAfter is { } cut)
        {
            await context.Response.OutputStream.WriteAsync(body[..cut]);
            await context.Response.OutputStream.FlushAsync();
            // Let the client read what was sent before the connection drops.
            await Task.Delay(300);
            context.Response.Abort();
            return;
        }
        await context.Response.OutputStream.WriteAsync(body);
    }

    /// <summary>
    /// A Hugging Face-style hub: the <c>resolve</c> URL answers GET and HEAD with a 302 to <c>/cdn/…</c> that carries
    /// <c>X-Linked-Size</c> and <c>X-Linked-Etag</c> (the LFS SHA-256, quoted); <paramref name="cdn"/> serves the bytes.
    /// </summary>
    public static Func<HttpListenerContext, RecordedRequest, Task> Hub(long size, string sha256, Func<HttpListenerContext, RecordedRequest, Task> cdn) =>
        (context, request) =>
        {
            if (request.Path.StartsWith("/cdn/", StringComparison.Ordinal))
                return cdn(context, request);
            context.Response.StatusCode = 302;
            context.Response.RedirectLocation = "/cdn" + request.Path;
            context.Response.AddHeader("X-Linked-Size", size.ToString(System.Globalization.CultureInfo.InvariantCulture));
            context.Response.AddHeader("X-Linked-Etag", $"\"{sha256}\"");
            return Task.CompletedTask;
        };
}
