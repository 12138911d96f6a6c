namespace RazorFaces.Testing.Client;

/// <summary>What a batch of server messages asks of the client beyond the view's content (<see cref="ViewSequencer.Receive(IEnumerable{ServerMessage}, IViewDocument, DateTimeOffset)"/>).</summary>
public sealed class ReceiveOutcome
{
    /// <summary>A batch that asked for nothing (shared, so the common case allocates nothing).</summary>
    public static ReceiveOutcome Nothing { get; } = new([], [], [], resyncNow: false);

    internal ReceiveOutcome(IReadOnlyList<string> locations, IReadOnlyList<ServerMessage> errors, IReadOnlyList<string> unfitPatches, bool resyncNow)
    {
        Locations = locations;
        Errors = errors;
        UnfitPatches = unfitPatches;
        ResyncNow = resyncNow;
    }

    /// <summary>Addresses of <c>location</c> messages: the browser loads them.</summary>
    public IReadOnlyList<string> Locations { get; }

    /// <summary>The <c>error</c> messages the batch carried.</summary>
    public IReadOnlyList<ServerMessage> Errors { get; }

    /// <summary>Why each update that did not fit the document was refused (the view is out of step until a refresh).</summary>
    public IReadOnlyList<string> UnfitPatches { get; }

    /// <summary>Whether the client must send a <c>resync</c> now (a patch did not fit and none is queued).</summary>
    public bool ResyncNow { get; }
}
