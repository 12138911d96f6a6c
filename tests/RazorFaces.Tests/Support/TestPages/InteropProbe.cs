using Microsoft.JSInterop;

namespace RazorFaces.Tests.Support.TestPages;

/// <summary>What the interop page lets a test see from outside: the runtime its last instance used.</summary>
public sealed class InteropProbe
{
    private IJSRuntime? _runtime;

    /// <summary>The IJSRuntime the page's newest instance was injected.</summary>
    public IJSRuntime Runtime => Volatile.Read(ref _runtime) ?? throw new InvalidOperationException("The page has not rendered.");

    /// <summary>How many times an instance of the page ran OnAfterRenderAsync(firstRender: true).</summary>
    public int FirstRenders => Volatile.Read(ref _firstRenders);

    private int _firstRenders;

    internal void Rendered(IJSRuntime runtime)
    {
        Volatile.Write(ref _runtime, runtime);
        Interlocked.Increment(ref _firstRenders);
    }
}
