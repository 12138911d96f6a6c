using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using RazorFaces.Protocol;

namespace RazorFaces.Testing.Client;

public sealed partial class ViewClient
{
    // The bytes of stream references this client answered, by JavaScript object id (as the browser keeps Blobs).
    private readonly ConcurrentDictionary<long, ReadOnlyMemory<byte>> _streamData = new();
    private long _nextStreamObject = 1_000_000;

    /// <summary>
    /// Answers a <c>js</c> call whose result the server wants as a stream reference (InputFile's <c>readFileData</c>,
    /// an <c>IJSStreamReference</c>) as the browser does: it keeps <paramref name="data"/> and answers its object id and
    /// length. <see cref="SendStreamAsync"/> sends the bytes when the server reads them.
    /// </summary>
    public Task<ServerAnswer> AnswerJSWithStreamAsync(ServerMessage call, ReadOnlyMemory<byte> data)
    {
        var id = Interlocked.Increment(ref _nextStreamObject);
        _streamData[id] = data;
        return AnswerJSAsync(call, string.Create(CultureInfo.InvariantCulture, $"{{\"__jsObjectId\":{id},\"__jsStreamReferenceLength\":{data.Length}}}"));
    }

    /// <summary>
    /// Plays the browser's part when the server reads a stream reference (the call <c>Blazor._internal.sendJSDataStream</c>,
    /// see docs/protocol.md, "Streams from the browser"): answers the call and posts the bytes in chunks of the size the
    /// call asks for, one at a time, each answered once the server's reader took its last byte. Returns when every chunk
    /// was taken.
    /// </summary>
    /// <exception cref="HttpRequestException">The server refused a chunk.</exception>
    public async Task SendStreamAsync(ServerMessage call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var (objectId, stream, secret, chunkBytes) = ReadSendStream(call);
        var data = _streamData[objectId];
        // As the browser: the call answers at once, the chunks go beside it (its answer waits for the reader to settle).
        var answered = AnswerJSAsync(call);
        for (var offset = 0; offset < data.Length; offset += chunkBytes)
        {
            var part = data.Slice(offset, Math.Min(chunkBytes, data.Length - offset));
            using var response = await PostStreamChunkAsync(stream, secret, offset, new ReadOnlyMemoryContent(part));
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"The server refused the chunk at {offset}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}", null, response.StatusCode);
            }
        }
        await answered;
    }

    /// <summary>
    /// Posts one chunk of a stream (<c>POST /_rf/stream</c>) as the browser does, with this view's id and session cookie;
    /// <paramref name="secret"/> goes in <c>X-RF-Token</c>. The content type is set to <c>application/octet-stream</c> unless
    /// <paramref name="content"/> has one. For tests of refusals; <see cref="SendStreamAsync"/> sends whole streams.
    /// </summary>
    public Task<HttpResponseMessage> PostStreamChunkAsync(string stream, string secret, long offset, HttpContent content, string? viewId = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var query = string.Create(CultureInfo.InvariantCulture,
            $"view={Uri.EscapeDataString(viewId ?? ViewId)}&stream={Uri.EscapeDataString(stream)}&offset={offset}");
        var request = new HttpRequestMessage(HttpMethod.Post, ProtocolConstants.EndpointPrefix.TrimStart('/') + "/stream?" + query) { Content = content };
        content.Headers.ContentType ??= new MediaTypeHeaderValue("application/octet-stream");
        request.Headers.TryAddWithoutValidation(ProtocolConstants.TokenHeader, secret);
        return Browser.Http.SendAsync(request);
    }

    /// <summary>The arguments of a <c>sendJSDataStream</c> call: the reference's object id, the stream's id and secret, the chunk size.</summary>
    public static (long ObjectId, string Stream, string Secret, int ChunkBytes) ReadSendStream(ServerMessage call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var args = call.Arguments;
        if (call.Function != JSNames.SendStream || args.ValueKind != JsonValueKind.Array || args.GetArrayLength() != 4)
        {
            throw new ArgumentException($"Not a call of {JSNames.SendStream}: {call}", nameof(call));
        }
        return (args[0].GetProperty("__jsObjectId").GetInt64(), args[1].GetString()!, args[2].GetString()!, args[3].GetInt32());
    }

    /// <summary>
    /// Where to fetch each .NET stream (<c>DotNetStreamReference</c>) a <c>js</c> call or .NET result names as
    /// <c>{"__dotNetStream":id}</c>, by that id (docs/protocol.md, "Streams to the browser").
    /// </summary>
    public static IReadOnlyDictionary<long, (string Stream, string Secret)> ReadDotNetStreams(ServerMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var json = JsonDocument.Parse(message.Json);
        var streams = new Dictionary<long, (string, string)>();
        if (json.RootElement.TryGetProperty("streams", out var table))
        {
            foreach (var entry in table.EnumerateObject())
            {
                streams[long.Parse(entry.Name, CultureInfo.InvariantCulture)] =
                    (entry.Value.GetProperty("stream").GetString()!, entry.Value.GetProperty("secret").GetString()!);
            }
        }
        return streams;
    }

    /// <summary>
    /// Fetches a .NET stream as the browser does (<c>GET /_rf/stream</c> with this view's id and session cookie,
    /// <paramref name="secret"/> in <c>X-RF-Token</c>). The answer's body streams; the caller disposes the answer.
    /// </summary>
    public Task<HttpResponseMessage> GetDotNetStreamAsync(string stream, string secret, string? viewId = null)
    {
        var query = string.Create(CultureInfo.InvariantCulture,
            $"view={Uri.EscapeDataString(viewId ?? ViewId)}&stream={Uri.EscapeDataString(stream)}");
        var request = new HttpRequestMessage(HttpMethod.Get, ProtocolConstants.EndpointPrefix.TrimStart('/') + "/stream?" + query);
        request.Headers.TryAddWithoutValidation(ProtocolConstants.TokenHeader, secret);
        return Browser.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }
}
