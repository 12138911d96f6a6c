namespace RazorFaces;

/// <summary>Live views (<see cref="RazorFacesOptions.Views"/>).</summary>
public sealed class ViewOptions
{
    /// <summary>How long an event's answer waits for an async handler to finish. Default 2 s.</summary>
    public TimeSpan EventSettleTime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Views kept per session; the least recently used beyond this are dropped. Default 16.</summary>
    public int MaxPerSession { get; set; } = 16;

    /// <summary>A view not used for this long is dropped. Default 30 minutes.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How many recent updates a view keeps to answer a client that missed some. Default 16.</summary>
    public int UpdateLogLength { get; set; } = 16;

    /// <summary>
    /// Live views this node keeps in memory at most. Beyond it, the least recently used views whose tabs are not
    /// polling or watching them are passivated at once (their state stays in the session object; an event rebuilds
    /// them), down to nine tenths of this. Default 20,000 (at roughly 25–40 KB a view, under 1 GB).
    /// </summary>
    public int MaxLivePerNode { get; set; } = 20_000;

    /// <summary>
    /// How long a JavaScript interop call waits for the browser before it fails (<see cref="TaskCanceledException"/>),
    /// as Blazor Server's <c>JSInteropDefaultCallTimeout</c>. Every call has one, also a call whose cancellation token
    /// can never fire. Default 1 minute.
    /// </summary>
    public TimeSpan JSInteropDefaultCallTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A live view unused for this long is dropped from memory; its state stays in the session object. Default 10 minutes.</summary>
    public TimeSpan PassivateAfter { get; set; } = TimeSpan.FromMinutes(10);
}
