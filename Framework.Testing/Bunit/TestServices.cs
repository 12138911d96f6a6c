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
    // What a fresh BunitContext registers itself (its NavigationManager, IJSRuntime, logging ...), in order.
    private static readonly Lazy<(Type, ServiceLifetime)[]> BunitDefaults = new(() =>
    {
        using var probe = new BunitContext();
        return [.. probe.Services.Select(Key)];
    });

    /// <summary>RazorFaces' services, configured as an app's <c>AddRazorFaces(configure)</c> configures them.</summary>
    public static void AddRazorFaces(IServiceCollection services, Action<RazorFacesOptions>? configure) =>
        services.AddRazorFaces(configure);

    /// <summary>
    /// The registrations of <paramref name="services"/> that its <see cref="BunitContext"/> made itself: the longest run,
    /// in order, that matches what a fresh context registers. A test's own registration of the same kind of service (its
    /// <c>HttpClient</c>, a logger factory, authentication) comes after them and is the test's, even when it replaced bUnit's.
    /// </summary>
    public static HashSet<ServiceDescriptor> BunitDefaultsIn(IReadOnlyList<ServiceDescriptor> services)
    {
        var defaults = BunitDefaults.Value;
        // Longest common subsequence, lengths from the end, so the walk below takes the earliest match.
        var lengths = new int[services.Count + 1, defaults.Length + 1];
        for (var i = services.Count - 1; i >= 0; i--)
        {
            for (var j = defaults.Length - 1; j >= 0; j--)
            {
                lengths[i, j] = Key(services[i]) == defaults[j]
                    ? lengths[i + 1, j + 1] + 1
                    : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }
        var matched = new HashSet<ServiceDescriptor>(ReferenceEqualityComparer.Instance);
        for (int i = 0, j = 0; i < services.Count && j < defaults.Length;)
        {
            if (Key(services[i]) == defaults[j] && lengths[i, j] == lengths[i + 1, j + 1] + 1)
            {
                matched.Add(services[i]);
                i++;
                j++;
            }
            else if (lengths[i + 1, j] >= lengths[i, j + 1])
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return matched;
    }

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

    private static (Type, ServiceLifetime) Key(ServiceDescriptor descriptor) => (descriptor.ServiceType, descriptor.Lifetime);
}
