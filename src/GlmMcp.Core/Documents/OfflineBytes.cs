using PuppeteerSharp;

namespace GlmMcp.Core.Documents;

/// <summary>
/// Hands bytes to a page of the offline context by script, in base64 chunks small enough for one DevTools message
/// each; the page keeps them as <c>window.__input</c> (an array of <c>Uint8Array</c>). Nothing is fetched.
/// </summary>
internal static class OfflineBytes
{
    private const int ChunkBytes = 3 << 20;

    private const string Append = """
        (chunk) => {
          const text = atob(chunk);
          const bytes = new Uint8Array(text.length);
          for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
          (window.__input ??= []).push(bytes);
        }
        """;

    public static async Task SendAsync(IPage page, byte[] bytes, CancellationToken cancellationToken)
    {
        for (var offset = 0; offset < bytes.Length; offset += ChunkBytes)
        {
            var chunk = Convert.ToBase64String(bytes, offset, Math.Min(ChunkBytes, bytes.Length - offset));
            await page.EvaluateFunctionAsync(Append, chunk).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
