using Microsoft.Extensions.DependencyInjection;

namespace RazorFaces.Tests.TestComponents;

/// <summary>Registrations the test components need.</summary>
internal static class TestServices
{
    public static AsyncGate AddSingletonGate(this IServiceCollection services)
    {
        var gate = new AsyncGate();
        services.AddSingleton(gate);
        return gate;
    }
}
