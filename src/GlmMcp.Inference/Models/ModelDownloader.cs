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
/// HTTP Range after a broken or stalled connection, checked against the catalog's size and SHA-256 when known,
/// renamed into place only when complete. Free space is checked before any byte is written.
/// </summary>
public sealed class ModelDownloader
{
    /// <summary>Room left on the disk after a download, so the cache never fills it to the last byte.</summary>
    internal const long FreeSpaceMargin = 64L * 1024 * 1024;

    private const int BufferSize = 1 << 20;
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(100);

    private readonly HttpClient _http;
    private readonly ModelsOptions _options;
    private readonly ModelCache _cache;
    private readonly IFreeSpaceProbe _freeSpace;
    private readonly ILogger _logger;

    public ModelDownloader(HttpClient http, IOptions<ModelsOptions> options, ModelCache cache, IFreeSpaceProbe freeSpace,
        ILogger<ModelDownloader> logger)
    {
        _http = http;
        _options = options.Value;
        _cache = cache;
        _freeSpace = freeSpace;
        _logger = logger;
    }

    /// <summary>Downloads the model's missing files; files already cached are kept as they are.</summary>
    public async Task<IReadOnlyList<PulledFile>> PullAsync(CatalogModel model, IProgress<DownloadProgress>? progress,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_cache.Root);
        var missing = model.Files.Where(f => !_cache.IsCached(f)).ToList();
        var knownNeed = missing.Sum(f => f.Size is { } size ? Math.Max(0, size - _cache.PartialBytes(f)) : 0);
        EnsureRoom(knownNeed, model.Name);

        var pulled = new List<PulledFile>();
        foreach (var file in model.Files)
        {
            if (_cache.IsCached(file))
            {
                var path = _cache.PathOf(file);
                pulled.Add(new PulledFile(file, path, new FileInfo(path).Length, null, WasCached: true));
                continue;
            }
            pulled.Add(await DownloadAsync(file, model.Name, progress, cancellationToken).ConfigureAwait(false));
        }
        return pulled;
    }

    /// <summary>Downloads one file (resuming a <c>.part</c> left by an earlier attempt).</summary>
    public async Task<PulledFile> DownloadAsync(CatalogFile file, string modelName, IProgress<DownloadProgress>? progress,
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
        if (Environment.GetEnvironmentVariable(_options.TokenVariable) is { Length: > 0 } token)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

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

            var resumed = response.StatusCode == HttpStatusCode.PartialContent && ContentRangeStart(response) == existing;
            if (!resumed)
                existing = 0;
            var total = response.Content.Headers.ContentLength is { } length ? existing + length : (long?)null;
            if (file.Size is { } expected && total is { } offered && offered != expected)
            {
                File.Delete(partial);
                throw new UserInputException(
                    $"{url} offers {offered} bytes but the catalog expects {expected} for {file.Path}. The partial file was deleted. " +
                    "The mirror (Models:BaseUrl) may serve a different revision; try another mirror.");
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
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
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
                $"{file.Path} arrived with {received} bytes but the catalog expects {expectedSize}. The partial file was deleted; " +
                "run the pull again, or use another mirror (Models:BaseUrl).");
        }
        if (file.Sha256 is { Length: > 0 } expectedHash && !string.Equals(expectedHash, sha256, StringComparison.OrdinalIgnoreCase))
        {
            File.Delete(partial);
            throw new UserInputException(
                $"{file.Path} failed its SHA-256 check: got {sha256}, the catalog expects {expectedHash.ToLowerInvariant()}. " +
                "The partial file was deleted. Run the pull again; if it fails the same way the mirror (Models:BaseUrl) serves a different file.");
        }
        return (received, sha256);
    }

    private static FileStream OpenPartial(string partial, long existing)
    {
        try
        {
            // FileShare.None: a second pull of the same file (another process) fails instead of interleaving bytes.
            var stream = new FileStream(partial, existing > 0 ? FileMode.Open : FileMode.Create, FileAccess.ReadWrite,
                FileShare.None, bufferSize: 0, FileOptions.Asynchronous);
            stream.SetLength(existing);
            return stream;
        }
        catch (IOException e)
        {
            throw new UserInputException($"Cannot write {partial}: {e.Message}. Is another `glm-mcp pull` running?", e);
        }
    }

    private static async Task HashExistingAsync(FileStream output, long existing, IncrementalHash hash, byte[] buffer,
        CancellationToken cancellationToken)
    {
        output.Position = 0;
        var left = existing;
        while (left > 0)
        {
            var read = await output.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
                throw new IOException($"{output.Name} shrank while being read.");
            hash.AppendData(buffer, 0, read);
            left -= read;
        }
        output.Position = existing;
    }

    private static long? ContentRangeStart(HttpResponseMessage response) => response.Content.Headers.ContentRange?.From;

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
