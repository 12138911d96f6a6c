using System.Collections.Concurrent;
using RazorFaces.State;

namespace RazorFaces.Tests.Session;

/// <summary>A test singleton where <see cref="ReservationBean"/> records each end of its session.</summary>
public sealed class EndLog
{
    public static EndLog Shared { get; } = new();

    public ConcurrentQueue<(string Owner, SessionEndReason Reason)> Ends { get; } = new();

    public int CountFor(string owner) => Ends.Count(e => e.Owner == owner);
}
