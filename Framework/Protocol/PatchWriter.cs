using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using RazorFaces.Dom;

namespace RazorFaces.Protocol;

/// <summary>Writes patches in their wire form (docs/protocol.md): a JSON array per patch, first element its code.</summary>
internal static class PatchWriter
{
    /// <summary>
    /// Options for every writer of server messages: compact, and escaping only what JSON itself requires.
    /// </summary>
    /// <remarks>
    /// The default encoder escapes all non-ASCII and HTML-sensitive characters (<c>&lt; &gt; &amp; '</c>) so that JSON
    /// can be embedded in an HTML script block. Our messages are only ever a JSON response body read with
    /// <c>JSON.parse</c>, never placed into HTML, and they mostly carry HTML: escaping would make them up to six times
    /// larger. Hence the relaxed encoder (characters outside the Basic Multilingual Plane are still written as
    /// surrogate escapes, which is valid JSON and decodes to the same text).
    /// </remarks>
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = false,
    };

    /// <summary>Writes <paramref name="patches"/> as one JSON array of patches.</summary>
    public static void WriteArray(Utf8JsonWriter writer, IEnumerable<Patch> patches)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(patches);
        writer.WriteStartArray();
        foreach (var patch in patches)
        {
            Write(writer, patch);
        }
        writer.WriteEndArray();
    }

    /// <summary>The wire code of a patch.</summary>
    public static PatchCode CodeOf(Patch patch) => patch switch
    {
        SetTextPatch => PatchCode.SetText,
        SetAttributePatch => PatchCode.SetAttribute,
        RemoveAttributePatch => PatchCode.RemoveAttribute,
        InsertPatch => PatchCode.Insert,
        RemovePatch => PatchCode.Remove,
        MovePatch => PatchCode.Move,
        ReplacePatch => PatchCode.Replace,
        _ => throw new ArgumentException($"Unknown patch {patch.GetType().Name}.", nameof(patch)),
    };

    /// <summary>Writes one patch, e.g. <c>[1,[0,2],"text"]</c>.</summary>
    public static void Write(Utf8JsonWriter writer, Patch patch)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(patch);
        writer.WriteStartArray();
        writer.WriteNumberValue((int)CodeOf(patch));
        WritePath(writer, patch.Path);
        switch (patch)
        {
            case SetTextPatch p:
                writer.WriteStringValue(p.Text);
                break;
            case SetAttributePatch p:
                writer.WriteStringValue(p.Name);
                writer.WriteStringValue(p.Value);
                break;
            case RemoveAttributePatch p:
                writer.WriteStringValue(p.Name);
                break;
            case InsertPatch p:
                writer.WriteNumberValue(p.Index);
                writer.WriteStringValue(DomHtmlWriter.Write(p.Node));
                break;
            case RemovePatch:
                break;
            case MovePatch p:
                writer.WriteNumberValue(p.From);
                writer.WriteNumberValue(p.To);
                break;
            case ReplacePatch p:
                writer.WriteStringValue(DomHtmlWriter.Write(p.Node));
                break;
            default:
                throw new ArgumentException($"Unknown patch type {patch.GetType().Name}.", nameof(patch));
        }
        writer.WriteEndArray();
    }

    /// <summary>The patches as a JSON array string (for tests, logs and fixtures).</summary>
    public static string ToJson(IEnumerable<Patch> patches)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteArray(writer, patches);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WritePath(Utf8JsonWriter writer, int[] path)
    {
        writer.WriteStartArray();
        foreach (var index in path)
        {
            writer.WriteNumberValue(index);
        }
        writer.WriteEndArray();
    }
}
