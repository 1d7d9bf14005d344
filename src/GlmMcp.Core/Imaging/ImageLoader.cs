using System.Buffers;
using System.Net;
using GlmMcp.Core.Arguments;
using GlmMcp.Core.Security;

namespace GlmMcp.Core.Imaging;

/// <summary>
/// The one way the server turns an image argument into pixels. An argument is a file path (checked against the
/// allowed roots), an http(s) URL (checked by <see cref="UrlPolicy"/>, redirects re-checked, size-capped), a
/// <c>data:</c> URI, or raw base64. A large base64 argument sent over stdio arrives already decoded, as an
/// <see cref="InlineArguments"/> placeholder: its bytes are read in place.
/// </summary>
public sealed class ImageLoader : IDisposable
{
    private const int MaxRedirects = 5;
    private const int MinBase64Length = 16;

    private static readonly SearchValues<char> Base64Chars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_\r\n ");
    private static readonly SearchValues<char> Base64NeedsCleaning = SearchValues.Create("-_\r\n ");

    private readonly ImageDecoder _decoder;
    private readonly UrlPolicy _urlPolicy;
    private readonly HttpClient _http;

    public ImageLoader(ImageDecoder decoder, UrlPolicy urlPolicy)
    {
        _decoder = decoder;
        _urlPolicy = urlPolicy;
        // Redirects are followed by hand so every hop passes the URL policy.
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.All })
        {
            // The download's own deadline (DownloadAsync) covers redirects, headers and body together.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public ImageDecoder Decoder => _decoder;

    /// <summary>Loads and decodes the image named by <paramref name="source"/>.</summary>
    public async Task<RgbaImage> LoadAsync(string source, AllowedRoots roots, string argumentName, CancellationToken cancellationToken)
    {
        if (InlineArguments.TryGet(source, out var inline) && inline.Kind != InlineValueKind.Text)
            return _decoder.Decode(InlineBytes(inline, argumentName), argumentName);
        var bytes = await ReadBytesAsync(source, roots, argumentName, cancellationToken).ConfigureAwait(false);
        return _decoder.Decode(bytes, argumentName);
    }

    /// <summary>The encoded bytes named by <paramref name="source"/>, without decoding them.</summary>
    public async Task<byte[]> ReadBytesAsync(string source, AllowedRoots roots, string argumentName, CancellationToken cancellationToken)
    {
        if (InlineArguments.TryGet(source, out var inline))
        {
            if (inline.Kind != InlineValueKind.Text)
                return InlineBytes(inline, argumentName).ToArray();
            source = inline.ToText();
        }
        if (string.IsNullOrWhiteSpace(source))
            throw new UserInputException($"'{argumentName}' is empty; give an image as a file path, an http(s) URL, a data: URI or base64.");
        var text = source.Trim();
        if (text.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
            return DecodeDataUri(text, argumentName);
        if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            return await DownloadAsync(text, argumentName, cancellationToken).ConfigureAwait(false);
        if (TryDecodeBase64Image(text, argumentName, out var fromBase64))
            return fromBase64;
        return await ReadFileAsync(text, roots, argumentName, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();

    private async Task<byte[]> ReadFileAsync(string path, AllowedRoots roots, string argumentName, CancellationToken cancellationToken)
    {
        var full = roots.ResolveExistingFile(path, argumentName);
        await using var stream = VerifiedFile.OpenRead(full, argumentName);
        var length = stream.Length;
        if (length == 0)
            throw new UserInputException($"'{argumentName}' is an empty file (0 bytes): {InputEcho.Truncate(full)}. Give a PNG, JPEG, WebP, GIF or BMP image.");
        EnsureWithinInputLimit(length, argumentName);
        var bytes = new byte[length];
        await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        return bytes;
    }

    private byte[] DecodeDataUri(string uri, string argumentName)
    {
        var comma = uri.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
            throw new UserInputException($"'{argumentName}' is a data: URI without a ',' before its data.");
        var header = uri.AsSpan(5, comma - 5);
        if (!header.EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
            throw new UserInputException($"'{argumentName}' is a data: URI that is not base64; use data:image/png;base64,….");
        EnsureWithinInputLimit((long)(uri.Length - comma - 1) * 3 / 4, argumentName);
        return FromBase64(uri.AsSpan(comma + 1), argumentName)
               ?? throw new UserInputException($"'{argumentName}' is a data: URI whose base64 data is invalid.");
    }

    private bool TryDecodeBase64Image(string text, string argumentName, out byte[] bytes)
    {
        bytes = [];
        if (text.Length < MinBase64Length || text.AsSpan().ContainsAnyExcept(Base64Chars) ||
            !InlineArguments.Base64ImagePrefixes.Any(p => text.StartsWith(p, StringComparison.Ordinal)))
            return false;
        EnsureWithinInputLimit((long)text.Length * 3 / 4, argumentName);
        var decoded = FromBase64(text, argumentName);
        if (decoded is null)
            return false;
        bytes = decoded;
        return true;
    }

    /// <summary>The decoded bytes of a base64 argument that arrived as a placeholder, checked like any other base64.</summary>
    private ReadOnlySpan<byte> InlineBytes(InlineValue inline, string argumentName)
    {
        EnsureWithinInputLimit(inline.DecodedLength, argumentName);
        if (inline.Length == 0)
            throw new UserInputException($"'{argumentName}' holds no image data (empty base64).");
        return inline.Bytes;
    }

    private static byte[]? FromBase64(ReadOnlySpan<char> text, string argumentName)
    {
        text = text.Trim();
        // Most base64 arrives padded, unwrapped and in the standard alphabet: decoded straight into an array of the
        // exact size, without a cleaned copy of the text (a large image's base64 is tens of megabytes).
        if (text.Length % 4 == 0 && !text.ContainsAny(Base64NeedsCleaning))
        {
            var exact = new byte[text.Length / 4 * 3 - (text.EndsWith("==") ? 2 : text.EndsWith("=") ? 1 : 0)];
            if (!Convert.TryFromBase64Chars(text, exact, out var decoded) || decoded != exact.Length)
                return null;
            return exact.Length > 0 ? exact : throw new UserInputException($"'{argumentName}' holds no image data (empty base64).");
        }
        var clean = new string(text).Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal)
            .Replace(" ", "", StringComparison.Ordinal).Replace('-', '+').Replace('_', '/');
        if (clean.Length % 4 != 0)
            clean = clean.PadRight(clean.Length + 4 - clean.Length % 4, '=');
        var buffer = new byte[clean.Length / 4 * 3];
        if (!Convert.TryFromBase64String(clean, buffer, out var written))
            return null;
        if (written == 0)
            throw new UserInputException($"'{argumentName}' holds no image data (empty base64).");
        return buffer.AsSpan(0, written).ToArray();
    }

    private async Task<byte[]> DownloadAsync(string url, string argumentName, CancellationToken cancellationToken)
    {
        var uri = _urlPolicy.Check(url, argumentName);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(_decoder.Options.DownloadTimeoutSeconds));
        for (var hop = 0; ; hop++)
        {
            using var response = await SendAsync(uri, argumentName, deadline, cancellationToken).ConfigureAwait(false);
            if (IsRedirect(response.StatusCode))
            {
                if (hop >= MaxRedirects || response.Headers.Location is null)
                    throw new UserInputException($"'{argumentName}': {Shown(uri)} redirects too often or without a Location header.");
                var next = response.Headers.Location.IsAbsoluteUri ? response.Headers.Location : new Uri(uri, response.Headers.Location);
                uri = _urlPolicy.Check(next.ToString(), argumentName);
                continue;
            }
            if (!response.IsSuccessStatusCode)
                throw new UserInputException($"'{argumentName}': {Shown(uri)} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}.");
            if (response.Content.Headers.ContentLength is { } declared)
                EnsureWithinInputLimit(declared, argumentName);
            return await ReadCappedAsync(response.Content, uri, argumentName, deadline, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Uri uri, string argumentName, CancellationTokenSource deadline, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new UserInputException($"'{argumentName}': could not fetch {Shown(uri)}: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw TooLong(uri, argumentName, e);
        }
    }

    /// <summary>
    /// Reads the body up to <see cref="ImagingOptions.MaxInputBytes"/>, within the download's deadline, giving up when
    /// a whole <see cref="ImagingOptions.DownloadRateWindowSeconds"/> passes without
    /// <see cref="ImagingOptions.MinDownloadBytesPerSecond"/> arriving on average.
    /// </summary>
    private async Task<byte[]> ReadCappedAsync(HttpContent content, Uri uri, string argumentName, CancellationTokenSource deadline, CancellationToken cancellationToken)
    {
        var options = _decoder.Options;
        var window = TimeSpan.FromSeconds(options.DownloadRateWindowSeconds);
        var perWindow = (long)options.MinDownloadBytesPerSecond * options.DownloadRateWindowSeconds;
        using var rate = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
        if (perWindow > 0)
            rate.CancelAfter(window);
        long inWindow = 0;
        try
        {
            var stream = await content.ReadAsStreamAsync(rate.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var memory = new MemoryStream();
                var buffer = ArrayPool<byte>.Shared.Rent(81920);
                try
                {
                    int read;
                    while ((read = await stream.ReadAsync(buffer, rate.Token).ConfigureAwait(false)) > 0)
                    {
                        memory.Write(buffer, 0, read);
                        EnsureWithinInputLimit(memory.Length, argumentName);
                        inWindow += read;
                        if (perWindow > 0 && inWindow >= perWindow)
                        {
                            // Enough for this window: the next one starts now.
                            inWindow = 0;
                            rate.CancelAfter(window);
                        }
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
                return memory.ToArray();
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && rate.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            if (deadline.IsCancellationRequested)
                throw TooLong(uri, argumentName, e);
            throw new UserInputException(
                $"'{argumentName}': {Shown(uri)} sent {inWindow:N0} bytes in {options.DownloadRateWindowSeconds} s, slower than the minimum of " +
                $"{options.MinDownloadBytesPerSecond:N0} bytes/s ({ImagingOptions.Section}:MinDownloadBytesPerSecond). Check the server, " +
                "or save the image to a file under the allowed roots and pass its path.", e);
        }
    }

    private UserInputException TooLong(Uri uri, string argumentName, Exception inner) =>
        new($"'{argumentName}': the download of {Shown(uri)} did not finish within {_decoder.Options.DownloadTimeoutSeconds} s " +
            $"({ImagingOptions.Section}:DownloadTimeoutSeconds). Check the server, or save the image to a file under the allowed roots and pass its path.",
            inner);

    private static string Shown(Uri uri) => InputEcho.Truncate(uri.ToString());

    private void EnsureWithinInputLimit(long length, string argumentName)
    {
        if (length > _decoder.Options.MaxInputBytes)
            throw new UserInputException(
                $"'{argumentName}' is over {_decoder.Options.MaxInputBytes:N0} bytes ({ImagingOptions.Section}:MaxInputBytes); give a smaller file " +
                "(a shorter video, fewer PDF pages), or raise the limit.");
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
}
