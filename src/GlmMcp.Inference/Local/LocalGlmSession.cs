using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using GlmMcp.Core;
using GlmMcp.Inference.Glm;
using LLama;
using LLama.Native;
using LLama.Sampling;
using Microsoft.Extensions.AI;

namespace GlmMcp.Inference.Local;

/// <summary>
/// One llama context with its KV cache, used by one request at a time. It remembers what the cache holds (text
/// tokens and image ids, in order) so that a following prompt sharing a prefix — the system prompt, the same
/// image — only evaluates what differs.
/// </summary>
internal sealed class LocalGlmSession : IDisposable
{
    // Characters of the SHA-256 hex used as the image id; collisions at 128 bits are not a concern.
    private const int ImageIdLength = 32;

    private readonly LocalGlmModel _model;
    private readonly LLamaContext _context;
    private readonly LLamaBatch _batch = new();
    private readonly List<CachedChunk> _cache = [];
    private readonly int _batchSize;
    private int _nPast;
    private string _lastText = "";
    private string[] _lastImageIds = [];

    public LocalGlmSession(LocalGlmModel model, LocalEngineOptions options)
    {
        _model = model;
        _context = model.Weights.CreateContext(model.ContextParams(options));
        _batchSize = (int)_context.BatchSize;
    }

    public int ContextSize => (int)_context.ContextSize;

    /// <summary>
    /// Evaluates the prompt (reusing the cached prefix) on the first step, then samples one token per step until a stop
    /// token, <paramref name="maxTokens"/>, the end of the context, or cancellation, yielding text as soon as it decodes
    /// to whole characters. Each step runs on the thread that asks for it; <paramref name="onCompleted"/> gets the
    /// outcome after the last piece.
    /// </summary>
    public IEnumerable<string> Generate(GlmPrompt prompt, int maxTokens, ISamplingPipeline pipeline,
        Action<LocalGenerationOutcome> onCompleted, CancellationToken cancellationToken)
    {
        var promptWatch = Stopwatch.StartNew();
        var (promptTokens, reused, reusedImages, logitsIndex, imageTime) = EvaluatePrompt(prompt, cancellationToken);
        promptWatch.Stop();

        var generationWatch = Stopwatch.StartNew();
        var decoder = new StreamingTokenDecoder(Encoding.UTF8, _model.Weights) { DecodeSpecialTokens = true };
        var generated = 0;
        var finish = ChatFinishReason.Stop;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var token = pipeline.Sample(_context.NativeHandle, logitsIndex);
            if (_model.IsStop(token))
                break;

            decoder.Add(token);
            generated++;
            var piece = decoder.Read();
            if (piece.Length > 0)
                yield return piece;
            // KV cells hold tokens, not positions (an M-RoPE image takes fewer positions than tokens).
            if (generated >= maxTokens || promptTokens + generated >= ContextSize)
            {
                finish = ChatFinishReason.Length;
                break;
            }

            _batch.Clear();
            _batch.Add(token, _nPast, LLamaSeqId.Zero, true);
            Decode();
            _nPast++;
            _cache[^1].Tokens.Add(token);
            logitsIndex = 0;
        }

        var rest = decoder.Read();
        if (rest.Length > 0)
            yield return rest;
        generationWatch.Stop();
        onCompleted(new LocalGenerationOutcome(finish, new LocalGenerationStats(promptTokens, reused, prompt.Images.Count, reusedImages,
            promptWatch.Elapsed, imageTime, generated, generationWatch.Elapsed)));
    }

    /// <summary>Forgets the cached prefix and clears the KV cache.</summary>
    public void Reset()
    {
        _context.NativeHandle.MemoryClear(true);
        _cache.Clear();
        _nPast = 0;
        _lastText = "";
        _lastImageIds = [];
    }

    /// <summary>The id an image gets in the cache: the start of its bytes' SHA-256.</summary>
    public static string ImageId(ReadOnlySpan<byte> data) => Convert.ToHexString(SHA256.HashData(data))[..ImageIdLength];

    /// <summary>
    /// How much of a prompt the last prompt here shares with it: characters of text, and the images among them (an
    /// image marker counts only when the image is the same, by <see cref="ImageId"/>). A guide for choosing the context
    /// whose KV cache holds the most of a prompt, not an exact token count.
    /// </summary>
    public (int Chars, int Images) SharedPrefix(string text, IReadOnlyList<string> imageIds, string mediaMarker)
    {
        var common = text.AsSpan().CommonPrefixLength(_lastText);
        var at = 0;
        for (var k = 0; ; k++)
        {
            var marker = text.IndexOf(mediaMarker, at, StringComparison.Ordinal);
            if (marker < 0 || marker >= common)
                return (common, k);
            if (k >= imageIds.Count || k >= _lastImageIds.Length || imageIds[k] != _lastImageIds[k])
                return (marker, k);
            at = marker + mediaMarker.Length;
        }
    }

    public void Dispose() => _context.Dispose();

    private (int PromptTokens, int Reused, int ReusedImages, int LogitsIndex, TimeSpan ImageTime) EvaluatePrompt(GlmPrompt prompt,
        CancellationToken cancellationToken)
    {
        var embeds = new List<SafeMtmdEmbed>(prompt.Images.Count);
        try
        {
            int rc;
            SafeMtmdInputChunks? chunks;
            lock (_model.MtmdGate)
            {
                foreach (var image in prompt.Images)
                    embeds.Add(LoadImage(image));
                rc = _model.Mtmd.Tokenize(prompt.Text, addSpecial: false, parseSpecial: true, embeds.ToArray(), out chunks);
            }

            if (rc != 0 || chunks is null)
            {
                throw new UserInputException(rc == 2
                    ? "An image could not be preprocessed for the vision encoder. Send a PNG or JPEG of a sensible size."
                    : $"The prompt could not be tokenized with its images (mtmd error {rc}).");
            }

            _lastText = prompt.Text;
            _lastImageIds = embeds.Select(e => e.Id ?? "").ToArray();
            using (chunks)
                return EvaluateChunks(ReadChunks(chunks), cancellationToken);
        }
        finally
        {
            foreach (var embed in embeds)
                embed.Dispose();
        }
    }

    private SafeMtmdEmbed LoadImage(DataContent image)
    {
        var embed = SafeMtmdEmbed.FromMediaBuffer(_model.Mtmd.NativeHandle, image.Data.Span)
            ?? throw new UserInputException(
                $"The image ({image.MediaType}, {image.Data.Length} bytes) could not be decoded. Send PNG, JPEG, BMP or GIF data.");
        // The id names the image in its chunk, which is what lets a later prompt with the same image reuse the cache.
        embed.Id = ImageId(image.Data.Span);
        return embed;
    }

    private static List<PromptChunk> ReadChunks(SafeMtmdInputChunks chunks)
    {
        var list = new List<PromptChunk>((int)chunks.Size);
        for (ulong i = 0; i < chunks.Size; i++)
        {
            var ptr = chunks.GetChunkPtr(i);
            var chunk = SafeMtmdInputChunk.Wrap(ptr)!;
            if (chunk.Type == SafeMtmdInputChunk.SafeMtmdInputChunkType.Text)
            {
                var span = chunk.GetTextTokensSpan();
                var tokens = new LLamaToken[span.Length];
                for (var t = 0; t < span.Length; t++)
                    tokens[t] = span[t];
                list.Add(new PromptChunk(ptr, null, tokens, tokens.Length, tokens.Length));
            }
            else
            {
                list.Add(new PromptChunk(ptr, chunk.Id, [], (int)chunk.NTokens, (int)chunk.NPos));
            }
        }

        return list;
    }

    private (int PromptTokens, int Reused, int ReusedImages, int LogitsIndex, TimeSpan ImageTime) EvaluateChunks(List<PromptChunk> chunks,
        CancellationToken cancellationToken)
    {
        var totalTokens = chunks.Sum(c => c.TokenCount);
        if (totalTokens >= ContextSize)
        {
            throw new UserInputException(
                $"The prompt needs {totalTokens} tokens but the context holds {ContextSize}. Raise " +
                $"{LocalEngineOptions.SectionName}:ContextSize, lower ImageMaxTokens, or send less.");
        }

        var (start, offset, reusedPositions, reusedTokens) = MatchCachedPrefix(chunks);
        var reusedImages = chunks.Take(start).Count(c => c.ImageId is not null);
        _context.NativeHandle.MemorySequenceRemove(LLamaSeqId.Zero, reusedPositions, -1);
        RecordPrefix(chunks, start, offset);
        _nPast = reusedPositions;

        var imageTime = TimeSpan.Zero;
        var logitsIndex = 0;
        for (var i = start; i < chunks.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = chunks[i];
            if (chunk.ImageId is not null)
            {
                var watch = Stopwatch.StartNew();
                int rc;
                lock (_model.MtmdGate)
                    rc = _model.Mtmd.NativeHandle.EvaluateChunk(chunk.Pointer, _context.NativeHandle, ref _nPast, 0, _batchSize, logitsLast: false);
                if (rc != 0)
                    Fail($"Evaluating an image failed (mtmd error {rc}).");
                imageTime += watch.Elapsed;
                _cache.Add(new CachedChunk(chunk.ImageId));
                continue;
            }

            var from = i == start ? offset : 0;
            var entry = from > 0 ? _cache[^1] : AddTextEntry();
            var isLastChunk = i == chunks.Count - 1;
            for (var k = from; k < chunk.Tokens.Length; k += _batchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var end = Math.Min(k + _batchSize, chunk.Tokens.Length);
                _batch.Clear();
                for (var t = k; t < end; t++)
                    _batch.Add(chunk.Tokens[t], _nPast + (t - k), LLamaSeqId.Zero, isLastChunk && t == chunk.Tokens.Length - 1);
                Decode();
                _nPast += end - k;
                entry.Tokens.AddRange(chunk.Tokens.AsSpan(k, end - k));
                logitsIndex = _batch.TokenCount - 1;
            }
        }

        return (totalTokens, reusedTokens, reusedImages, logitsIndex, imageTime);
    }

    /// <summary>
    /// Finds how much of the new prompt the KV cache already holds: whole chunks with equal tokens or the same image
    /// id, then the common token prefix of the first differing text chunk. At least the last token is always
    /// evaluated again, because sampling needs its logits.
    /// </summary>
    private (int Start, int Offset, int Positions, int Tokens) MatchCachedPrefix(List<PromptChunk> chunks)
    {
        int i = 0, offset = 0, positions = 0, tokens = 0;
        for (var k = 0; k < _cache.Count && i < chunks.Count; k++, i++)
        {
            var cached = _cache[k];
            var chunk = chunks[i];
            if (chunk.ImageId is not null || cached.ImageId is not null)
            {
                if (chunk.ImageId is null || chunk.ImageId != cached.ImageId)
                    break;
                positions += chunk.Positions;
                tokens += chunk.TokenCount;
                continue;
            }

            var common = chunk.Tokens.AsSpan().CommonPrefixLength(CollectionsMarshalSpan(cached.Tokens));
            positions += common;
            tokens += common;
            if (common < chunk.Tokens.Length || common < cached.Tokens.Count)
            {
                offset = common;
                break;
            }
        }

        if (i < chunks.Count && offset == chunks[i].Tokens.Length && chunks[i].ImageId is null && offset > 0)
        {
            i++;
            offset = 0;
        }

        if (i >= chunks.Count)
        {
            // Everything is cached: step back one token so the last one is decoded again and yields logits.
            i = chunks.Count - 1;
            offset = chunks[i].Tokens.Length - 1;
            positions--;
            tokens--;
        }

        return (i, offset, positions, tokens);
    }

    private void RecordPrefix(List<PromptChunk> chunks, int start, int offset)
    {
        _cache.Clear();
        for (var i = 0; i < start; i++)
        {
            var c = chunks[i];
            _cache.Add(c.ImageId is not null ? new CachedChunk(c.ImageId) : new CachedChunk([.. c.Tokens]));
        }

        if (offset > 0)
            _cache.Add(new CachedChunk([.. chunks[start].Tokens.AsSpan(0, offset)]));
    }

    private CachedChunk AddTextEntry()
    {
        var entry = new CachedChunk([]);
        _cache.Add(entry);
        return entry;
    }

    private void Decode()
    {
        var result = _context.NativeHandle.Decode(_batch);
        if (result != DecodeResult.Ok)
            Fail($"llama_decode failed: {result}.");
    }

    /// <summary>After a native failure the cache record may no longer match the KV cells: start clean next time.</summary>
    private void Fail(string message)
    {
        Reset();
        throw new InvalidOperationException(message);
    }

    private static ReadOnlySpan<LLamaToken> CollectionsMarshalSpan(List<LLamaToken> list) =>
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list);

    private sealed record PromptChunk(IntPtr Pointer, string? ImageId, LLamaToken[] Tokens, int TokenCount, int Positions);

    private sealed class CachedChunk
    {
        public CachedChunk(List<LLamaToken> tokens) => Tokens = tokens;

        public CachedChunk(string imageId)
        {
            ImageId = imageId;
            Tokens = [];
        }

        public string? ImageId { get; }

        public List<LLamaToken> Tokens { get; }
    }
}
