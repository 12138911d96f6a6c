using System.Buffers;
using System.Text.Json;
using RazorFaces.Diagnostics;
using RazorFaces.Protocol;
using RazorFaces.Views;

namespace RazorFaces.Transport.SignalR;

/// <summary>
/// Server messages as JSON values for the hub: the JSON hub protocol copies a <see cref="HubPayload"/> into the frame as
/// it is, so the client gets exactly the array (or error object) a long-poll answer carries.
/// </summary>
internal static class HubJson
{
    public static HubPayload Messages(string viewId, IReadOnlyList<ViewMessage> messages, RazorFacesMetrics? metrics)
    {
        var (json, bytes) = Write(w => ViewMessageWriter.WriteMessages(w, viewId, messages));
        SentMessages.Record(metrics, TransportRequest.SignalRKind, bytes, messages);
        return json;
    }

    /// <summary>
    /// The long-poll error body, plus the HTTP status the long-poll would have answered with, so the client can
    /// tell a retryable failure (5xx) from a final one exactly as it does over HTTP.
    /// </summary>
    public static HubPayload Error(ProtocolException error) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("t", MessageTypes.Error);
        w.WriteString("code", error.Code);
        w.WriteString("reason", error.Message);
        w.WriteNumber("status", ErrorStatus.For(error.Code));
        w.WriteEndObject();
    }).Json;

    private static (HubPayload Json, int Bytes) Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, PatchWriter.WriterOptions))
        {
            write(writer);
        }
        return (new HubPayload(buffer.WrittenMemory), buffer.WrittenCount);
    }
}
