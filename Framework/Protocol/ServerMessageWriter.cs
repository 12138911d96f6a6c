using System.Buffers;
using System.Text;
using System.Text.Json;
using RazorFaces.Dom;

namespace RazorFaces.Protocol;

/// <summary>
/// Writes server → client messages (docs/protocol.md) as JSON objects. Use a writer created with
/// <see cref="PatchWriter.WriterOptions"/>; an answer is a JSON array of these objects.
/// </summary>
internal static class ServerMessageWriter
{
    /// <summary>Writes <c>{"t":"update","view":…,"n":…,"patches":[…]}</c>, with <c>"url"</c> when the view navigated.</summary>
    /// <remarks><paramref name="rebuilt"/> adds <c>"rebuilt":true</c>: the view was rebuilt from its saved record.</remarks>
    public static void WriteUpdate(Utf8JsonWriter writer, string viewId, long n, IEnumerable<Patch> patches, string? url = null, bool rebuilt = false, string? head = null, bool replace = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(patches);
        WriteHeader(writer, MessageTypes.Update, viewId, n);
        writer.WritePropertyName("patches");
        PatchWriter.WriteArray(writer, patches);
        WriteUrl(writer, url);
        if (replace)
        {
            writer.WriteBoolean("replace", true);
        }
        WriteRebuilt(writer, rebuilt);
        WriteHead(writer, head);
        writer.WriteEndObject();
    }

    /// <summary>Writes <c>{"t":"refresh","view":…,"n":…,"html":…}</c>, with <c>"url"</c> when the view navigated.</summary>
    public static void WriteRefresh(Utf8JsonWriter writer, string viewId, long n, string html, string? url = null, bool rebuilt = false, string? head = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(html);
        WriteHeader(writer, MessageTypes.Refresh, viewId, n);
        writer.WriteString("html", html);
        WriteUrl(writer, url);
        WriteRebuilt(writer, rebuilt);
        WriteHead(writer, head);
        writer.WriteEndObject();
    }

    /// <summary>Writes a <c>refresh</c> whose html is the content of <paramref name="root"/>.</summary>
    public static void WriteRefresh(Utf8JsonWriter writer, string viewId, long n, DomElement root, string? url = null, bool rebuilt = false, string? head = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        WriteRefresh(writer, viewId, n, DomHtmlWriter.WriteChildren(root), url, rebuilt, head);
    }

    private static void WriteHead(Utf8JsonWriter writer, string? head)
    {
        if (head is not null)
        {
            writer.WriteString("head", head);
        }
    }

    private static void WriteRebuilt(Utf8JsonWriter writer, bool rebuilt)
    {
        if (rebuilt)
        {
            writer.WriteBoolean("rebuilt", true);
        }
    }

    /// <summary>Writes <c>{"t":"location","url":…}</c>: the browser loads that URL.</summary>
    public static void WriteLocation(Utf8JsonWriter writer, string url)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(url);
        writer.WriteStartObject();
        writer.WriteString("t", MessageTypes.Location);
        writer.WriteString("url", url);
        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes a <c>js</c> call: <c>{"t":"js","view":…,"n":…,"id":…,"fn":…,"args":[…],"call":…,"result":…,"target":…}</c>.
    /// </summary>
    public static void WriteJSCall(Utf8JsonWriter writer, string viewId, JSCallMessage call)
    {
        ArgumentNullException.ThrowIfNull(call);
        WriteHeader(writer, MessageTypes.JS, viewId, call.Number);
        writer.WriteNumber("id", call.Id);
        writer.WriteString("fn", call.Identifier);
        writer.WritePropertyName("args");
        // Microsoft.JSInterop wrote these arguments; they are JSON already.
        writer.WriteRawValue(call.ArgsJson.Length == 0 ? "[]" : call.ArgsJson, skipInputValidation: true);
        writer.WriteString("call", call.Call);
        writer.WriteString("result", call.Result);
        writer.WriteNumber("target", call.Target);
        WriteBytes(writer, call.Bytes);
        WriteStreams(writer, call.Streams);
        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes the end of a browser → .NET call: <c>{"t":"js","view":…,"n":…,"done":…,"ok":true,"result":…}</c>, or
    /// <c>"ok":false,"error":…</c>.
    /// </summary>
    public static void WriteDotNetResult(Utf8JsonWriter writer, string viewId, DotNetResultMessage result)
    {
        ArgumentNullException.ThrowIfNull(result);
        WriteHeader(writer, MessageTypes.JS, viewId, result.Number);
        writer.WriteString("done", result.CallId);
        writer.WriteBoolean("ok", result.Success);
        if (result.Success)
        {
            writer.WritePropertyName("result");
            writer.WriteRawValue(string.IsNullOrEmpty(result.ResultJson) ? "null" : result.ResultJson, skipInputValidation: true);
        }
        else
        {
            writer.WriteString("error", result.Error ?? string.Empty);
        }
        WriteBytes(writer, result.Bytes);
        WriteStreams(writer, result.Streams);
        writer.WriteEndObject();
    }

    // Byte arrays travel beside the JSON that names them, base64 by id.
    private static void WriteBytes(Utf8JsonWriter writer, IReadOnlyDictionary<int, byte[]>? bytes)
    {
        if (bytes is not { Count: > 0 })
        {
            return;
        }
        writer.WriteStartObject("bytes");
        foreach (var (id, data) in bytes)
        {
            writer.WriteBase64String(id.ToString(System.Globalization.CultureInfo.InvariantCulture), data);
        }
        writer.WriteEndObject();
    }

    // .NET streams are fetched over HTTP; the message says where and with which secret, by the id the JSON names.
    private static void WriteStreams(Utf8JsonWriter writer, IReadOnlyDictionary<long, DotNetStreamTicket>? streams)
    {
        if (streams is not { Count: > 0 })
        {
            return;
        }
        writer.WriteStartObject("streams");
        foreach (var (id, ticket) in streams)
        {
            writer.WriteStartObject(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("stream", ticket.Stream);
            writer.WriteString("secret", ticket.Secret);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    /// <summary>Writes <c>{"t":"error","code":…,"reason":…}</c>, the body of a 4xx/5xx answer.</summary>
    public static void WriteError(Utf8JsonWriter writer, string code, string reason)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("t", MessageTypes.Error);
        writer.WriteString("code", code);
        writer.WriteString("reason", reason);
        writer.WriteEndObject();
    }

    /// <summary>Runs <paramref name="write"/> on a writer with the protocol's options and returns the JSON text.</summary>
    public static string ToJson(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, PatchWriter.WriterOptions))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteHeader(Utf8JsonWriter writer, string type, string viewId, long n)
    {
        ArgumentNullException.ThrowIfNull(viewId);
        writer.WriteStartObject();
        writer.WriteString("t", type);
        writer.WriteString("view", viewId);
        writer.WriteNumber("n", n);
    }

    private static void WriteUrl(Utf8JsonWriter writer, string? url)
    {
        if (url is not null)
        {
            writer.WriteString("url", url);
        }
    }
}
