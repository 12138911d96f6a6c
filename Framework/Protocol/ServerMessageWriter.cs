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
    public static void WriteUpdate(Utf8JsonWriter writer, string viewId, long n, IEnumerable<Patch> patches, string? url = null, bool rebuilt = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(patches);
        WriteHeader(writer, MessageTypes.Update, viewId, n);
        writer.WritePropertyName("patches");
        PatchWriter.WriteArray(writer, patches);
        WriteUrl(writer, url);
        WriteRebuilt(writer, rebuilt);
        writer.WriteEndObject();
    }

    /// <summary>Writes <c>{"t":"refresh","view":…,"n":…,"html":…}</c>, with <c>"url"</c> when the view navigated.</summary>
    public static void WriteRefresh(Utf8JsonWriter writer, string viewId, long n, string html, string? url = null, bool rebuilt = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(html);
        WriteHeader(writer, MessageTypes.Refresh, viewId, n);
        writer.WriteString("html", html);
        WriteUrl(writer, url);
        WriteRebuilt(writer, rebuilt);
        writer.WriteEndObject();
    }

    /// <summary>Writes a <c>refresh</c> whose html is the content of <paramref name="root"/>.</summary>
    public static void WriteRefresh(Utf8JsonWriter writer, string viewId, long n, DomElement root, string? url = null, bool rebuilt = false)
    {
        ArgumentNullException.ThrowIfNull(root);
        WriteRefresh(writer, viewId, n, DomHtmlWriter.WriteChildren(root), url, rebuilt);
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
