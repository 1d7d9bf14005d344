using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using GlmMcp.Core;
using GlmMcp.Core.Arguments;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace GlmMcp.Server.Hosting;

/// <summary>
/// JSON-RPC over stdin/stdout, one message per line, read in order before any handler runs:
/// <list type="bullet">
/// <item>a line over <see cref="StdioTransportOptions.MaxMessageBytes"/> is skipped as it streams in (never held
/// whole) and answered with Invalid Request naming the limit;</item>
/// <item>a request before <c>initialize</c> (other than <c>ping</c>, or one carrying the per-request protocol
/// metadata of handshake-less protocol versions) is answered with Invalid Request;</item>
/// <item>a line that is not JSON-RPC is answered with Parse Error when its id can be read.</item>
/// </list>
/// Lines are held as the pipe's segments, so a large message is never copied into one growing buffer. A line past
/// <see cref="StreamedLineBytes"/> is not held at all: <see cref="InlineArgumentExtractor"/> reads it as it arrives and
/// takes its large <c>tools/call</c> arguments out (base64 images decoded on the fly), so what the MCP library parses is
/// small; the taken-out values travel with the request (<see cref="InlineArgumentsFilter"/>).
/// </summary>
internal sealed class StdioLineTransport : TransportBase
{
    /// <summary>How much of an oversized or unreadable line is searched for its id.</summary>
    private const int IdSearchBytes = 64 * 1024;

    /// <summary>A line longer than this is read as it streams in.</summary>
    private const int StreamedLineBytes = 1024 * 1024;

    private const string PerRequestProtocolVersionKey = "io.modelcontextprotocol/protocolVersion";

    private static readonly JsonTypeInfo<JsonRpcMessage> MessageType = McpJsonUtilities.DefaultOptions.GetTypeInfo<JsonRpcMessage>();

    private readonly Stream _output;
    private readonly long _maxMessageBytes;
    private readonly long _maxDecodedBytes;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Task _readLoop;
    private bool _initializeSeen;
    private int _disposed;

    /// <param name="maxDecodedBytes">The most bytes a base64 argument may decode to (Imaging:MaxInputBytes): beyond it, none are kept.</param>
    public StdioLineTransport(Stream input, Stream output, long maxMessageBytes, long maxDecodedBytes, ILoggerFactory loggerFactory)
        : base("Server (stdio)", loggerFactory)
    {
        _output = output;
        _maxMessageBytes = maxMessageBytes;
        _maxDecodedBytes = maxDecodedBytes;
        _logger = loggerFactory.CreateLogger<StdioLineTransport>();
        SetConnected();
        _readLoop = Task.Run(() => ReadLinesAsync(input, _shutdown.Token));
    }

    public override async Task SendMessageAsync(JsonRpcMessage message, CancellationToken cancellationToken = default)
    {
        if (!IsConnected)
            return;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(message, MessageType);
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _output.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await _output.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
            await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new IOException("Failed to send a message on stdout.", e);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        await _shutdown.CancelAsync().ConfigureAwait(false);
        // A read blocked on stdin ends when the client closes it; the process does not wait for that.
        try
        {
            await _readLoop.WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
        SetDisconnected();
        _shutdown.Dispose();
    }

    private async Task ReadLinesAsync(Stream input, CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(input, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        Exception? error = null;
        // How much of the buffered line has been searched for its end, so each byte is searched once.
        long searched = 0;
        // While an oversized line streams past: its bytes so far and the id found at its start.
        long skipped = -1;
        RequestId? skippedId = null;
        // A long line being read as it streams in: the extractor holds what was read of it.
        InlineArgumentExtractor? streamed = null;
        long streamedBytes = 0;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (true)
                {
                    var newline = buffer.Slice(searched).PositionOf((byte)'\n');
                    if (newline is null)
                    {
                        searched = buffer.Length;
                        if (skipped < 0 && streamedBytes + buffer.Length > _maxMessageBytes)
                        {
                            skippedId = RecoverId(streamed?.Output ?? buffer);
                            skipped = streamedBytes;
                            streamed?.Dispose();
                            streamed = null;
                            streamedBytes = 0;
                        }
                        if (skipped >= 0)
                        {
                            skipped += buffer.Length;
                            buffer = buffer.Slice(buffer.End);
                            searched = 0;
                        }
                        else if (streamed is not null || buffer.Length > StreamedLineBytes)
                        {
                            streamed ??= new InlineArgumentExtractor(_maxDecodedBytes, _maxMessageBytes);
                            streamed.Append(buffer);
                            streamedBytes += buffer.Length;
                            buffer = buffer.Slice(buffer.End);
                            searched = 0;
                        }
                        break;
                    }
                    var line = buffer.Slice(0, newline.Value);
                    buffer = buffer.Slice(buffer.GetPosition(1, newline.Value));
                    searched = 0;
                    if (skipped >= 0)
                    {
                        await RefuseOversizedAsync(skippedId, skipped + line.Length, cancellationToken).ConfigureAwait(false);
                        skipped = -1;
                    }
                    else if (streamedBytes + line.Length > _maxMessageBytes)
                        await RefuseOversizedAsync(RecoverId(streamed?.Output ?? line), streamedBytes + line.Length, cancellationToken).ConfigureAwait(false);
                    else if (streamed is not null)
                    {
                        streamed.Append(line);
                        var (message, bag, invalid) = streamed.Complete();
                        await HandleLineAsync(message, bag, invalid, cancellationToken).ConfigureAwait(false);
                    }
                    else
                        await HandleLineAsync(line, null, null, cancellationToken).ConfigureAwait(false);
                    streamed?.Dispose();
                    streamed = null;
                    streamedBytes = 0;
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                    break;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Reading stdin failed");
            error = e;
        }
        finally
        {
            streamed?.Dispose();
            await reader.CompleteAsync().ConfigureAwait(false);
            SetDisconnected(error);
        }
    }

    /// <param name="inline">The arguments taken out of <paramref name="line"/>, or null.</param>
    /// <param name="invalid">Why a string taken out of the line is not valid JSON, or null.</param>
    private async Task HandleLineAsync(ReadOnlySequence<byte> line, InlineArgumentBag? inline, string? invalid, CancellationToken cancellationToken)
    {
        if (IsBlank(line))
            return;
        JsonRpcMessage? message;
        try
        {
            if (invalid is not null)
                throw new JsonException($"The message holds {invalid}.");
            var json = new Utf8JsonReader(line);
            message = JsonSerializer.Deserialize(ref json, MessageType);
        }
        catch (JsonException e)
        {
            _logger.LogWarning("A {Length} byte line on stdin is not JSON-RPC: {Reason}", line.Length, e.Message);
            if (RecoverId(line) is { } id)
                await SendErrorAsync(id, McpErrorCode.ParseError,
                    $"The message is not valid JSON-RPC: {InputEcho.Truncate(e.Message)}", cancellationToken).ConfigureAwait(false);
            return;
        }
        if (message is null)
            return;
        if (message is JsonRpcRequest request)
        {
            if (request.Method == RequestMethods.Initialize)
                _initializeSeen = true;
            else if (!_initializeSeen && request.Method != RequestMethods.Ping && !HasPerRequestProtocolVersion(request))
            {
                await SendErrorAsync(request.Id, McpErrorCode.InvalidRequest,
                    $"The server is not initialized: send '{RequestMethods.Initialize}' (then '{NotificationMethods.InitializedNotification}') " +
                    $"before '{InputEcho.Truncate(request.Method)}'.", cancellationToken).ConfigureAwait(false);
                return;
            }
        }
        if (inline is not null && message is JsonRpcRequest { Method: RequestMethods.ToolsCall } call)
        {
            call.Context ??= new JsonRpcMessageContext();
            call.Context.Items ??= new Dictionary<string, object?>();
            call.Context.Items[InlineArgumentsFilter.ItemKey] = inline;
        }
        await WriteMessageAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private Task RefuseOversizedAsync(RequestId? id, long length, CancellationToken cancellationToken)
    {
        _logger.LogWarning("Skipped a {Length} byte message on stdin: over the {Limit} byte limit (Stdio:MaxMessageBytes)", length, _maxMessageBytes);
        return id is { } known
            ? SendErrorAsync(known, McpErrorCode.InvalidRequest,
                $"The message is {length:N0} bytes; the limit is {_maxMessageBytes:N0} ({StdioTransportOptions.Section}:MaxMessageBytes), so it was not read. " +
                "Pass large images and HTML as files under the allowed roots (a path) instead of inline, or raise the limit.",
                cancellationToken)
            : Task.CompletedTask;
    }

    private Task SendErrorAsync(RequestId id, McpErrorCode code, string message, CancellationToken cancellationToken) =>
        SendMessageAsync(new JsonRpcError { Id = id, JsonRpc = "2.0", Error = new JsonRpcErrorDetail { Code = (int)code, Message = message } }, cancellationToken);

    /// <summary>Handshake-less protocol versions carry the version in every request's <c>_meta</c>; the SDK checks it.</summary>
    private static bool HasPerRequestProtocolVersion(JsonRpcRequest request) =>
        request.Params is JsonObject parameters && parameters["_meta"] is JsonObject meta && meta.ContainsKey(PerRequestProtocolVersionKey);

    private static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            if (segment.Span.ContainsAnyExcept(" \t\r"u8))
                return false;
        }
        return true;
    }

    /// <summary>The top-level <c>id</c> of a message, read from its start (which may be cut off).</summary>
    private static RequestId? RecoverId(ReadOnlySequence<byte> line)
    {
        var reader = new Utf8JsonReader(line.Slice(0, Math.Min(line.Length, IdSearchBytes)), isFinalBlock: false, state: default);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals("id"u8);
                if (!reader.Read())
                    return null;
                if (isId)
                {
                    return reader.TokenType switch
                    {
                        JsonTokenType.String => new RequestId(reader.GetString()!),
                        JsonTokenType.Number when reader.TryGetInt64(out var number) => new RequestId(number),
                        _ => null,
                    };
                }
                if (!reader.TrySkip())
                    return null;
            }
        }
        catch (JsonException)
        {
        }
        return null;
    }
}
