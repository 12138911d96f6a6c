using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using RazorFaces.State;

namespace RazorFaces.Hosting;

/// <summary>
/// Fails the app at start-up, naming the type and member, when a bean or a component's saved state could not
/// be stored in the session object — rather than losing it silently at the first failover.
/// </summary>
internal static class StartupValidation
{
    public static void Run(IServiceProvider services, IEnumerable<Assembly> assemblies)
    {
        // Checked against the format the app writes: MessagePack cannot store a few things JSON can.
        var serializer = services.GetRequiredService<ISessionSerializer>();
        foreach (var bean in services.GetServices<BeanDescriptor>())
        {
            StateTypeValidator.Validate(bean.Type, bean.Scope == BeanScope.Session ? "session bean" : "view bean", serializer);
        }
        // Public components: the pages and the components they use. A non-public component with bad state
        // fails with the same message the first time it renders.
        foreach (var component in assemblies.Distinct().SelectMany(a => a.ExportedTypes)
                     .Where(t => typeof(IComponent).IsAssignableFrom(t) && !t.IsAbstract && !t.ContainsGenericParameters))
        {
            StateTypeValidator.ValidateComponent(component, serializer);
        }
    }
}
