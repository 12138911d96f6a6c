using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace RazorFaces.Testing;

/// <summary>
/// The service setup both harnesses share: the bUnit integration (<see cref="RazorFacesBunitExtensions"/>) and the wire
/// harness (<see cref="RazorFacesTestContext"/>) register RazorFaces here, and hand a test's own registrations on
/// to another tab, another node or the wire harness here.
/// </summary>
internal static class TestServices
{
    // The service types a fresh BunitContext registers itself (its NavigationManager, IJSRuntime, logging ...).
    private static readonly Lazy<HashSet<Type>> BunitDefaults = new(() =>
    {
        using var probe = new BunitContext();
        return [.. probe.Services.Select(d => d.ServiceType)];
    });

    /// <summary>RazorFaces' services, configured as an app's <c>AddRazorFaces(configure)</c> configures them.</summary>
    public static void AddRazorFaces(IServiceCollection services, Action<RazorFacesOptions>? configure) =>
        services.AddRazorFaces(configure);

    public static bool IsBunitDefault(ServiceDescriptor descriptor) => BunitDefaults.Value.Contains(descriptor.ServiceType);

    /// <summary>
    /// Adds a test's registrations to <paramref name="target"/>. With <paramref name="shareSingletonsFrom"/> (another
    /// tab on the same node) a singleton is that provider's instance; without it (another node) the target builds its
    /// own, except instances the test registered itself, which stand for what every node shares (a database).
    /// </summary>
    public static void CopyAppServices(IEnumerable<ServiceDescriptor> services, IServiceCollection target, IServiceProvider? shareSingletonsFrom)
    {
        var list = services.ToList();
        var registrations = list.GroupBy(d => d.ServiceType).ToDictionary(g => g.Key, g => g.Count());
        foreach (var descriptor in list)
        {
            if (shareSingletonsFrom is not null
                && descriptor is { Lifetime: ServiceLifetime.Singleton, IsKeyedService: false, ImplementationInstance: null }
                && !descriptor.ServiceType.IsGenericTypeDefinition
                && registrations[descriptor.ServiceType] == 1)
            {
                // An instance registration: the target's container does not dispose what it did not make.
                target.Add(ServiceDescriptor.Singleton(descriptor.ServiceType, shareSingletonsFrom.GetRequiredService(descriptor.ServiceType)));
            }
            else
            {
                target.Add(descriptor);
            }
        }
    }
}
