using System.Net;
using System.Net.Http.Headers;
using GlmMcp.Inference.Tests.Infrastructure;

namespace GlmMcp.Inference.Tests.Models;

/// <summary>Serves byte arrays the way a Hugging Face <c>resolve</c> URL does, honouring <c>Range: bytes=N-</c>.</summary>
public static class FileServer
{
    /// <summary>Answers <paramref name="request"/> with <paramref name="content"/>; with <paramref name="cutAfter"/>
    /// the connection is dropped after that many body bytes, while Content-Length promises all of them.</summary>
    public static async Task ServeAsync(HttpListenerContext context, RecordedRequest request, byte[] content, int? cutAfter = null)
    {
        var start = 0;
        if (request.Header("Range") is { } range && RangeHeaderValue.TryParse(range, out var parsed) && parsed.Ranges.First().From is { } from)
        {
            start = (int)from;
            context.Response.StatusCode = 206;
            context.Response.AddHeader("Content-Range", $"bytes {start}-{content.Length - 1}/{content.Length}");
        }
        context.Response.ContentType = "application/octet-stream";
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
}
