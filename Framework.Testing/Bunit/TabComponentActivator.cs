using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace RazorFaces.Testing;

/// <summary>
/// Creates the components of a tab (bUnit hands it every component its own component factories do not make) and
/// tells the tab, which records them and restores saved <c>[ViewState]</c> into them on a rebuilt node.
/// </summary>
internal sealed class TabComponentActivator(BunitTab tab, IServiceProvider services) : IComponentActivator
{
    public IComponent CreateInstance(Type componentType)
    {
        ArgumentNullException.ThrowIfNull(componentType);
        // As Blazor's own activator: a public constructor, its parameters (if any) from the services.
        var component = (IComponent)ActivatorUtilities.CreateInstance(services, componentType);
        tab.Created(component);
        return component;
    }
}
