namespace GlmMcp.Inference.OpenAi;

/// <summary>
/// Hands out response bodies that fail with <see cref="EngineIdleTimeoutException"/> when the server sends nothing
/// for <c>Engine:OpenAi:IdleTimeout</c>. The resilience pipeline's timeout ends when the headers arrive; this one
/// covers the body, streamed or buffered.
/// </summary>
internal sealed class IdleTimeoutHandler(TimeSpan idleTimeout) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var original = response.Content;
        var body = await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var guarded = new StreamContent(new IdleTimeoutStream(body, idleTimeout));
        foreach (var header in original.Headers)
            guarded.Headers.TryAddWithoutValidation(header.Key, header.Value);
        response.Content = guarded;
        return response;
    }
}
