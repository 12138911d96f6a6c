using RazorFaces.State;

namespace RazorFaces.Views;

/// <summary>How a view comes to life: a first render, or a rebuild from its saved record.</summary>
/// <param name="RootComponent">The root component (the app's router, or any component in tests).</param>
/// <param name="Session">The session object the view belongs to.</param>
/// <param name="BaseUri">The app's base address, ending in '/'.</param>
/// <param name="Url">The address the view shows.</param>
internal sealed record ViewStart(Type RootComponent, SessionState Session, string BaseUri, string Url)
{
    public string ViewId { get; init; } = RandomIds.New();

    /// <summary>The saved record to rebuild from; null for a fresh view.</summary>
    public ViewRecord? Saved { get; init; }

    /// <summary>The number of a fresh view's first render (above any number its browser already saw).</summary>
    public int FirstNumber { get; init; } = 1;

    /// <summary>The user of the request that starts the view; null: nobody (a push, or a test).</summary>
    public System.Security.Claims.ClaimsPrincipal? User { get; init; }

    /// <summary>Parameters of the root component (the test harness renders any component this way).</summary>
    public IReadOnlyDictionary<string, object?>? Parameters { get; init; }
}
