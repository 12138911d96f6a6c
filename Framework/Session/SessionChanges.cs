namespace RazorFaces.Session;

/// <summary>What one request changed in a session object.</summary>
/// <param name="ExpectedVersion">The version the writer read; 0 creates the session.</param>
/// <param name="Set">Fields to write (new or changed).</param>
/// <param name="Removed">Fields to delete.</param>
/// <param name="TimeToLive">How long the session lives without another write (its max inactive interval).</param>
internal sealed record SessionChanges(
    long ExpectedVersion,
    IReadOnlyDictionary<string, byte[]> Set,
    IReadOnlyCollection<string> Removed,
    TimeSpan TimeToLive);
