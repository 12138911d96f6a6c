using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Components;

namespace RazorFaces.Rendering;

/// <summary>
/// Writes an <see cref="ElementReference"/> as the browser finds it: <c>{"__internalId": reference}</c>, where the
/// reference is the element's <c>data-rf</c> value. Blazor's own ids are random per render, so a view rebuilt on
/// another node would name its elements differently from the DOM the browser holds; the <c>data-rf</c> reference is
/// the same in any process.
/// </summary>
internal sealed class ElementReferenceJsonConverter(Func<string, string?> referenceOf) : JsonConverter<ElementReference>
{
    private const string IdProperty = "__internalId";

    public override ElementReference Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? id = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(IdProperty) && reader.Read())
            {
                id = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }
        return new ElementReference(id ?? throw new JsonException($"An element reference needs '{IdProperty}'."));
    }

    public override void Write(Utf8JsonWriter writer, ElementReference value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString(IdProperty, referenceOf(value.Id) ?? value.Id);
        writer.WriteEndObject();
    }
}
