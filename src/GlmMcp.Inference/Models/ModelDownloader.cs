using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using GlmMcp.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GlmMcp.Inference.Models;

/// <summary>
/// Fetches catalog files from a Hugging Face-compatible endpoint into the cache: into <c>.part</c> first, resumed with
/// HTTP Range after a broken or stalled connection (only when the server answers at the asked offset), checked against
/// the expected size and SHA-256 (the catalog's, else the hub's <c>X-Linked-Size</c>/<c>X-Linked-Etag</c> from a HEAD
/// on the resolve URL, as huggingface_hub reads them) and, for a GGUF, against the extent of its tensors; renamed into
/// place only when complete. Free space is checked before any byte is written, and a disk that fills up anyway ends
/// in a clear error. A pull re-verifies files already cached and downloads a bad one again.
/// </summary>
public sealed class ModelDownloader
{
    /// <summary>Room left on the disk after a download, so the cache never fills it to the last byte.</summary>
    internal const long FreeSpaceMargin = 64L * 1024 * 1024;

    private const int BufferSize = 1 << 20;

    /// <summary>errno ENOSPC, which .NET puts in <see cref="Exception.HResult"/> on Linux and macOS.</summary>
    private const int Enospc = 28;
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The named client for HEAD requests: it must not follow the hub's redirect to its CDN, since the
    /// <c>X-Linked-*</c> headers are on the redirect itself.</summary>
    internal const string MetadataClientName = "GlmMcp.Models.Metadata";

    private readonly HttpClient _http;
    private readonly HttpClient _metadata;
    private readonly ModelsOptions _options;
    private readonly ModelCache _cache;
    private readonly IFreeSpaceProbe _freeSpace;
    private readonly IPartialFileOpener _files;
    private readonly ILogger _logger;

    public ModelDownloader(HttpClient http, IHttpClientFactory clients, IOptions<ModelsOptions> options, ModelCache cache,
        IFreeSpaceProbe freeSpace, IPartialFileOpener files, ILogger<ModelDownloader> logger)
    {
        _http = http;
        _metadata = clients.CreateClient(MetadataClientName);
        _options = options.Value;
        _cache = cache;
        _freeSpace = freeSpace;
        _files = files;
        _logger = logger;
    }

    /// <summary>Downloads the model's missing files and re-verifies the cached ones (size, GGUF extent, SHA-256 when
    /// known); a cached file that fails is downloaded again.</summary>
    public async Task<IReadOnlyList<PulledFile>> PullAsync(CatalogModel model, IProgress<DownloadProgress>? progress,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_cache.Root);
        var files = new List<CatalogFile>();
        foreach (var file in model.Files)
            files.Add(await WithHubMetadataAsync(file, cancellationToken).ConfigureAwait(false));

        var pulled = new PulledFile?[files.Count];
        for (var i = 0; i < files.Count; i++)
        {
            var path = _cache.PathOf(files[i]);
            if (!File.Exists(path))
                continue;
            var (problem, sha256) = await VerifyCachedAsync(files[i], path, cancellationToken).ConfigureAwait(false);
            if (problem is null)
            {
                pulled[i] = new PulledFile(files[i], path, new FileInfo(path).Length, sha256, WasCached: true);
                continue;
            }
            _logger.LogWarning("The cached {File} {Problem}; downloading it again", files[i].Path, problem);
            File.Delete(path);
        }

        var missing = Enumerable.Range(0, files.Count).Where(i => pulled[i] is null).Select(i => files[i]).ToList();
        var knownNeed = missing.Sum(f => f.Size is { } size ? Math.Max(0, size - _cache.PartialBytes(f)) : 0);
        EnsureRoom(knownNeed, model.Name);
        for (var i = 0; i < files.Count; i++)
            pulled[i] ??= await DownloadVerifiedAsync(files[i], model.Name, progress, cancellationToken).ConfigureAwait(false);
        return pulled.Select(p => p!).ToList();
    }

    /// <summary>Downloads one file (resuming a <c>.part</c> left by an earlier attempt).</summary>
    public async Task<PulledFile> DownloadAsync(CatalogFile file, string modelName, IProgress<DownloadProgress>? progress,
        CancellationToken cancellationToken)
    {
        var expected = await WithHubMetadataAsync(file, cancellationToken).ConfigureAwait(false);
        return await DownloadVerifiedAsync(expected, modelName, progress, cancellationToken).ConfigureAwait(false);
    }

    private async Task<PulledFile> DownloadVerifiedAsync(CatalogFile file, string modelName, IProgress<DownloadProgress>? progress,
        CancellationToken cancellationToken)
    {
        var final = _cache.PathOf(file);
        var partial = _cache.PartialPathOf(file);
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        var url = UrlOf(file);

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var (size, sha256) = await TryDownloadAsync(file, url, partial, modelName, progress, cancellationToken).ConfigureAwait(false);
                if (ModelCache.GgufProblem(partial, size) is { } problem)
                {
                    File.Delete(partial);
                    throw new UserInputException(
                        $"{file.Path} from {url} {problem}, so it was not cached (the partial file was deleted). The mirror " +
                        $"(Models:BaseUrl = {_options.BaseUrl}) serves a damaged file: run `glm-mcp pull {modelName}` again, or use another mirror.");
                }
                File.Move(partial, final, overwrite: true);
                _logger.LogInformation("Downloaded {File} ({Size} bytes, sha256 {Sha256})", file.Path, size, sha256);
                return new PulledFile(file, final, size, sha256, WasCached: false);
            }
            catch (BrokenDownloadException e) when (attempt < _options.MaxResumes && !cancellationToken.IsCancellationRequested)
            {
                var delay = _options.RetryDelay * (attempt + 1);
                _logger.LogWarning("Download of {File} broke at {Bytes} bytes ({Reason}); resuming in {Delay}",
                    file.Path, _cache.PartialBytes(file), e.Message, delay);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
            catch (BrokenDownloadException e)
            {
                throw new UserInputException(
                    $"The download of {file.Path} from {url} broke {attempt + 1} times (last: {e.Message}). " +
                    $"{_cache.PartialBytes(file)} bytes are kept; run `glm-mcp pull {modelName}` again to resume.", e);
            }
        }
    }

    /// <summary>
    /// <paramref name="file"/> with the size and SHA-256 the catalog lacks filled in from the hub: a HEAD on the resolve
    /// URL, not following its redirect, read the way huggingface_hub reads it (<c>X-Linked-Size</c>, else
    /// <c>Content-Length</c> of a direct answer; <c>X-Linked-Etag</c>, else <c>ETag</c>, taken as the SHA-256 when it is
    /// one). A mirror that answers nothing useful leaves the file as it is.
    /// </summary>
    private async Task<CatalogFile> WithHubMetadataAsync(CatalogFile file, CancellationToken cancellationToken)
    {
        if (file.Size is not null && file.Sha256 is { Length: > 0 })
            return file;
        var url = UrlOf(file);
        using var request = new HttpRequestMessage(HttpMethod.Head, url);
        Authorize(request);
        try
        {
            using var response = await _metadata.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var redirect = (int)response.StatusCode is >= 300 and < 400;
            if (!response.IsSuccessStatusCode && !redirect)
                return file;
            var size = Header(response, "X-Linked-Size") is { } linked && long.TryParse(linked, out var parsed) && parsed >= 0 ? parsed
                : redirect ? null : response.Content.Headers.ContentLength;
            var sha256 = Sha256Of(Header(response, "X-Linked-Etag") ?? response.Headers.ETag?.Tag);
            if (size is not null || sha256 is not null)
                _logger.LogDebug("The hub says {File} has {Size} bytes, sha256 {Sha256}", file.Path, size, sha256);
            return file with { Size = file.Size ?? size, Sha256 = file.Sha256 is { Length: > 0 } known ? known : sha256 };
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning("No size or hash for {File} from {Url} ({Reason}); it is checked only as far as its headers allow",
                file.Path, url, e.Message);
            return file;
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>The SHA-256 an ETag names (quoted, maybe weak), or null when it is something else (a git SHA-1, an MD5).</summary>
    private static string? Sha256Of(string? etag)
    {
        var tag = etag?.Trim();
        if (tag is null)
            return null;
        if (tag.StartsWith("W/", StringComparison.Ordinal))
            tag = tag[2..];
        tag = tag.Trim('"');
        return tag.Length == 64 && tag.All(Uri.IsHexDigit) ? tag.ToLowerInvariant() : null;
    }

    /// <summary>Why the cached file does not match what is expected of it (with its SHA-256, when it was hashed).</summary>
    private async Task<(string? Problem, string? Sha256)> VerifyCachedAsync(CatalogFile file, string path, CancellationToken cancellationToken)
    {
        var length = new FileInfo(path).Length;
        if (file.Size is { } size && length != size)
            return ($"has {length} bytes where {size} are expected", null);
        if (ModelCache.GgufProblem(path, length) is { } problem)
            return (problem, null);
        if (file.Sha256 is not { Length: > 0 } expected)
            return (null, null);
        _logger.LogInformation("Verifying the cached {File} ({Size})", file.Path, FormatBytes(length));
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
            return string.Equals(sha256, expected, StringComparison.OrdinalIgnoreCase)
                ? (null, sha256)
                : ($"has SHA-256 {sha256} where {expected.ToLowerInvariant()} is expected", sha256);
        }
    }

    private void Authorize(HttpRequestMessage request)
    {
        if (Environment.GetEnvironmentVariable(_options.TokenVariable) is { Length: > 0 } token)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    private Uri UrlOf(CatalogFile file)
    {
        var baseUrl = _options.BaseUrl.TrimEnd('/');
        var path = string.Join('/', file.Path.Split('/').Select(Uri.EscapeDataString));
        return new Uri($"{baseUrl}/{file.Repo}/resolve/{Uri.EscapeDataString(file.Revision)}/{path}");
    }

    private async Task<(long Size, string Sha256)> TryDownloadAsync(CatalogFile file, Uri url, string partial, string modelName,
        IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var existing = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        if (file.Size is { } known && existing > known)
            existing = 0;

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (existing > 0)
            request.Headers.Range = new RangeHeaderValue(existing, null);
        Authorize(request);

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new UserInputException(
                $"Could not reach {url.GetLeftPart(UriPartial.Authority)} to download {file.Path}: {e.Message}. " +
                "Check the network, or point Models:BaseUrl (pull --base-url) at a reachable mirror.", e);
        }
        catch (Exception e) when (e is TimeoutException or Polly.Timeout.TimeoutRejectedException)
        {
            throw new BrokenDownloadException("no answer within the stall timeout", e);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && existing > 0)
            {
                // The partial file is as long as (or longer than) what the server has: start over.
                File.Delete(partial);
                throw new BrokenDownloadException("the server refused to resume; starting over");
            }
            ThrowForStatus(response, file, url, modelName);

            var range = response.Content.Headers.ContentRange;
            if (response.StatusCode == HttpStatusCode.PartialContent && range?.From != existing)
            {
                // Bytes from anywhere but the end of the partial file (or from nobody knows where) must not be
                // appended, nor written at its start: throw the partial away and ask for the whole file.
                File.Delete(partial);
                throw new BrokenDownloadException(range?.From is { } from
                    ? $"asked for bytes from {existing}, the server sent bytes from {from}; starting over"
                    : $"asked for bytes from {existing}, the server sent part of the file without saying which (no Content-Range); starting over");
            }
            if (response.StatusCode != HttpStatusCode.PartialContent)
                existing = 0;
            var total = range?.Length ?? (response.Content.Headers.ContentLength is { } length ? existing + length : (long?)null);
            if (file.Size is { } expected && total is { } offered && offered != expected)
            {
                File.Delete(partial);
                throw new UserInputException(
                    $"{url} offers {offered} bytes but {expected} are expected for {file.Path} (the catalog's size, else the hub's " +
                    "X-Linked-Size). The partial file was deleted. The mirror (Models:BaseUrl) may serve a different revision " +
                    "or a cut-off file; try again or use another mirror.");
            }
            total ??= file.Size;
            if (total is { } need)
                EnsureRoom(need - existing, modelName);

            return await ReceiveAsync(file, response, partial, existing, total, progress, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(long Size, string Sha256)> ReceiveAsync(CatalogFile file, HttpResponseMessage response, string partial,
        long existing, long? total, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var received = existing;
        try
        {
            await using (var output = OpenPartial(partial, existing))
            {
                if (existing > 0)
                    await HashExistingAsync(output, existing, hash, buffer, cancellationToken).ConfigureAwait(false);
                progress?.Report(new DownloadProgress(file.Path, received, total));

                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                var sinceReport = Stopwatch.StartNew();
                using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                while (true)
                {
                    stall.CancelAfter(_options.StallTimeout);
                    int read;
                    try
                    {
                        read = await body.ReadAsync(buffer.AsMemory(0, BufferSize), stall.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
                    {
                        throw new BrokenDownloadException($"nothing received for {_options.StallTimeout.TotalSeconds:0} s", e);
                    }
                    catch (Exception e) when (e is IOException or HttpRequestException)
                    {
                        throw new BrokenDownloadException(e.Message, e);
                    }
                    if (read == 0)
                        break;
                    try
                    {
                        await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    }
                    catch (IOException e) when (IsDiskFull(e))
                    {
                        throw DiskFull(file, partial, received, total, e);
                    }
                    hash.AppendData(buffer, 0, read);
                    received += read;
                    if (sinceReport.Elapsed >= ProgressInterval)
                    {
                        progress?.Report(new DownloadProgress(file.Path, received, total));
                        sinceReport.Restart();
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (total is { } length && received < length)
            throw new BrokenDownloadException($"the connection closed after {received} of {length} bytes");
        progress?.Report(new DownloadProgress(file.Path, received, received));

        var sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (file.Size is { } expectedSize && received != expectedSize)
        {
            File.Delete(partial);
            throw new UserInputException(
                $"{file.Path} arrived with {received} bytes but {expectedSize} are expected (the catalog's size, else the hub's). " +
                "The partial file was deleted; run the pull again, or use another mirror (Models:BaseUrl).");
        }
        if (file.Sha256 is { Length: > 0 } expectedHash && !string.Equals(expectedHash, sha256, StringComparison.OrdinalIgnoreCase))
        {
            File.Delete(partial);
            throw new UserInputException(
                $"{file.Path} failed its SHA-256 check: got {sha256}, expected {expectedHash.ToLowerInvariant()} (the catalog's hash, " +
                "else the hub's X-Linked-Etag). " +
                "The partial file was deleted. Run the pull again; if it fails the same way the mirror (Models:BaseUrl) serves a different file.");
        }
        return (received, sha256);
    }

    private Stream OpenPartial(string partial, long existing)
    {
        try
        {
            var stream = _files.Open(partial, existing > 0 ? FileMode.Open : FileMode.Create);
            stream.SetLength(existing);
            return stream;
        }
        catch (IOException e)
        {
            throw new UserInputException($"Cannot write {partial}: {e.Message}. Is another `glm-mcp pull` running?", e);
        }
    }

    /// <summary>ENOSPC on Unix (the errno is the HResult), ERROR_DISK_FULL / ERROR_HANDLE_DISK_FULL on Windows.</summary>
    private static bool IsDiskFull(IOException e) =>
        e.HResult is Enospc or unchecked((int)0x80070070) or unchecked((int)0x80070027);

    private UserInputException DiskFull(CatalogFile file, string partial, long received, long? total, IOException e)
    {
        // The partial file goes, so the full disk gets its space back; a later pull starts this file over.
        try
        {
            File.Delete(partial);
        }
        catch (IOException)
        {
            _logger.LogWarning("Could not delete {Partial} after the disk filled up", partial);
        }
        var folder = Path.GetDirectoryName(partial);
        var need = total is { } length
            ? $"{FormatBytes(length)} for this file (+{FormatBytes(FreeSpaceMargin)} margin)"
            : $"more than the {FormatBytes(received)} it had reached (its size is unknown)";
        return new UserInputException(
            $"The disk under {folder} is full: {file.Path} stopped after {FormatBytes(received)}, and it needs {need}. " +
            "The partial file was deleted to give the space back. Free some space, or choose another folder with " +
            "Models:CacheDir (pull --cache-dir), then pull again.", e);
    }

    private static async Task HashExistingAsync(Stream output, long existing, IncrementalHash hash, byte[] buffer,
        CancellationToken cancellationToken)
    {
        output.Position = 0;
        var left = existing;
        while (left > 0)
        {
            var read = await output.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
                throw new IOException("The partial file shrank while being read.");
            hash.AppendData(buffer, 0, read);
            left -= read;
        }
        output.Position = existing;
    }

    private void EnsureRoom(long bytes, string modelName)
    {
        if (bytes <= 0)
            return;
        var available = _freeSpace.AvailableBytes(_cache.Root);
        if (available is { } free && free < bytes + FreeSpaceMargin)
        {
            throw new UserInputException(
                $"Not enough disk space to pull {modelName}: {FormatBytes(bytes)} needed (+{FormatBytes(FreeSpaceMargin)} margin), " +
                $"{FormatBytes(free)} free in {_cache.Root}. Free some space or choose another folder with Models:CacheDir (pull --cache-dir).");
        }
    }

    private void ThrowForStatus(HttpResponseMessage response, CatalogFile file, Uri url, string modelName)
    {
        if (response.IsSuccessStatusCode)
            return;
        var status = (int)response.StatusCode;
        throw status switch
        {
            401 or 403 => new UserInputException(
                $"{url} refused access ({status}). If the repository is gated or the mirror private, put a token in the " +
                $"environment variable {_options.TokenVariable} (Models:TokenVariable) and run `glm-mcp pull {modelName}` again."),
            404 => new UserInputException(
                $"{url} was not found (404): the mirror (Models:BaseUrl = {_options.BaseUrl}) lacks {file.Repo}/{file.Path}, " +
                "or the catalog's file name is out of date. Download the files by hand and pass --model PATH --mmproj PATH."),
            _ => new UserInputException($"{url} answered {status} {response.ReasonPhrase} after retries. Try again later or use another mirror (Models:BaseUrl)."),
        };
    }

    /// <summary>Bytes for people: B, KiB, MiB or GiB with one decimal.</summary>
    public static string FormatBytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.0} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.0} MiB",
        >= 1L << 10 => $"{bytes / (double)(1L << 10):0.0} KiB",
        _ => $"{bytes} B",
    };

    /// <summary>The connection broke or stalled mid-file; the <c>.part</c> file is kept for a resume.</summary>
    private sealed class BrokenDownloadException(string message, Exception? inner = null) : Exception(message, inner);
}
