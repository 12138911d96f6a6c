using System.Text.Json;
using RazorFaces.Protocol;
using RazorFaces.Views;

namespace RazorFaces.Protocol;

/// <summary>Writes a view's answer: the JSON array of server messages.</summary>
internal static class ViewMessageWriter
{
    public static void WriteMessages(Utf8JsonWriter writer, string viewId, IEnumerable<ViewMessage> messages)
    {
        writer.WriteStartArray();
        foreach (var message in messages)
        {
            switch (message)
            {
                case UpdateMessage update:
                    ServerMessageWriter.WriteUpdate(writer, viewId, update.Number, update.Patches, update.Url, update.Rebuilt, update.Head, update.Replace);
                    break;
                case RefreshMessage refresh:
                    ServerMessageWriter.WriteRefresh(writer, viewId, refresh.Number, refresh.Root, refresh.Url, refresh.Rebuilt, refresh.Head);
                    break;
                case LocationMessage location:
                    ServerMessageWriter.WriteLocation(writer, location.Url);
                    break;
                case JSCallMessage call:
                    ServerMessageWriter.WriteJSCall(writer, viewId, call);
                    break;
                case DotNetResultMessage result:
                    ServerMessageWriter.WriteDotNetResult(writer, viewId, result);
                    break;
            }
        }
        writer.WriteEndArray();
    }
}
