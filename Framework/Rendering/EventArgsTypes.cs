using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace RazorFaces.Rendering;

/// <summary>
/// Which <see cref="EventArgs"/> type an event name carries, as the <c>[EventHandler]</c> attributes declare it: Blazor's
/// own (on <see cref="EventHandlers"/>) and an app's custom events, seen from the assembly of the component that
/// renders the handler and the assemblies it references (the ones the Razor compiler looked in).
/// </summary>
internal static class EventArgsTypes
{
    private static readonly Assembly BlazorWeb = typeof(EventHandlers).Assembly;
    private static readonly string ComponentsName = typeof(IComponent).Assembly.GetName().Name!;
    private static readonly ConcurrentDictionary<Assembly, IReadOnlyDictionary<string, Type>> Declared = new();
    private static readonly ConcurrentDictionary<Assembly, IReadOnlyDictionary<string, Type>> Visible = new();

    /// <summary>Blazor's own events: name without <c>on</c> → args type.</summary>
    public static IReadOnlyDictionary<string, Type> Standard => DeclaredIn(BlazorWeb);

    /// <summary>
    /// The type to read an event's arguments into: the declared type of <paramref name="eventName"/> unless the
    /// handler asks for another one it cannot be given (then the handler's own, as Blazor does for custom events).
    /// </summary>
    public static Type For(string eventName, Type component, Type handlerArgsType)
    {
        if (!VisibleFrom(component.Assembly).TryGetValue(eventName, out var declared))
        {
            return handlerArgsType;
        }
        return handlerArgsType.IsAssignableFrom(declared) ? declared : handlerArgsType;
    }

    private static IReadOnlyDictionary<string, Type> VisibleFrom(Assembly assembly) => Visible.GetOrAdd(assembly, static assembly =>
    {
        var names = new Dictionary<string, Type>(DeclaredIn(BlazorWeb), StringComparer.Ordinal);
        foreach (var referenced in ReferencedComponentAssemblies(assembly).Append(assembly))
        {
            foreach (var (name, type) in DeclaredIn(referenced))
            {
                names[name] = type;
            }
        }
        return names;
    });

    // Only assemblies built against the component model can declare [EventHandler].
    private static IEnumerable<Assembly> ReferencedComponentAssemblies(Assembly assembly)
    {
        foreach (var name in assembly.GetReferencedAssemblies())
        {
            Assembly referenced;
            try
            {
                referenced = Assembly.Load(name);
            }
            catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
            {
                continue;
            }
            if (referenced != BlazorWeb && referenced.GetReferencedAssemblies().Any(r => r.Name == ComponentsName))
            {
                yield return referenced;
            }
        }
    }

    private static IReadOnlyDictionary<string, Type> DeclaredIn(Assembly assembly) => Declared.GetOrAdd(assembly, static assembly =>
    {
        var names = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var type in LoadableTypes(assembly))
        {
            foreach (var attribute in type.GetCustomAttributes<EventHandlerAttribute>(inherit: false))
            {
                var name = attribute.AttributeName.StartsWith("on", StringComparison.Ordinal) ? attribute.AttributeName[2..] : attribute.AttributeName;
                names[name] = attribute.EventArgsType;
            }
        }
        return names;
    });

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }
}
