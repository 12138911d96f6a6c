using Microsoft.Extensions.DependencyInjection.Extensions;
using RazorFaces;
using RazorFaces.State;

// Extension methods live in the namespace of what they extend, so they need no extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers backing beans.</summary>
public static class RazorFacesBeanServiceCollectionExtensions
{
    /// <summary>
    /// Registers <typeparamref name="T"/> as a session-scoped backing bean: one instance per browser session,
    /// shared by all its tabs, injected with <c>@inject</c>, stored in the session object and therefore
    /// replicated. Its public properties (and <c>[JsonInclude]</c> members) are its state.
    /// </summary>
    public static IServiceCollection AddSessionBean<T>(this IServiceCollection services)
        where T : class, new() => AddBean<T>(services, BeanScope.Session);

    /// <summary>Registers <typeparamref name="T"/> as a view-scoped backing bean: one instance per view (tab).</summary>
    public static IServiceCollection AddViewBean<T>(this IServiceCollection services)
        where T : class, new() => AddBean<T>(services, BeanScope.View);

    private static IServiceCollection AddBean<T>(IServiceCollection services, BeanScope scope)
        where T : class, new()
    {
        var descriptor = new BeanDescriptor(typeof(T), scope);
        services.AddSingleton(descriptor);
        services.TryAddScoped<T>(provider => (T)provider.GetRequiredService<BeanContext>().Get(descriptor));
        return services;
    }
}
