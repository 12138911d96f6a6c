using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Components;

namespace RazorFaces.State;

/// <summary>TEMPORARY minimal version; the state worktree writes the real one.</summary>
internal sealed class ComponentStateAccessor
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, ComponentStateAccessor?> Cache = new();
    private readonly List<FieldInfo> _fields;

    private ComponentStateAccessor(List<FieldInfo> fields) => _fields = fields;

    public static ComponentStateAccessor? For(Type type) => Cache.GetOrAdd(type, t =>
    {
        var fields = t.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            .Where(f => f.IsDefined(typeof(ViewStateAttribute)) || f.IsDefined(typeof(PersistentStateAttribute))).ToList();
        return fields.Count == 0 ? null : new ComponentStateAccessor(fields);
    });

    public JsonElement Capture(object component, ISessionSerializer serializer)
    {
        var values = _fields.ToDictionary(f => f.Name, f => JsonDocument.Parse(serializer.Serialize(f.GetValue(component), f.FieldType)).RootElement.Clone());
        return JsonSerializer.SerializeToElement(values);
    }

    public void Restore(object component, JsonElement state, ISessionSerializer serializer)
    {
        foreach (var f in _fields)
        {
            if (state.TryGetProperty(f.Name, out var v))
            {
                f.SetValue(component, serializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(v), f.FieldType));
            }
        }
    }
}
