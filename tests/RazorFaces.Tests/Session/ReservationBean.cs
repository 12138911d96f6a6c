using RazorFaces.State;

namespace RazorFaces.Tests.Session;

/// <summary>A session bean with an end-of-session hook (a reservation to release), for the session-end tests.</summary>
public sealed class ReservationBean : ISessionEndedHandler
{
    public string Owner { get; set; } = string.Empty;

    public Task OnSessionEndedAsync(SessionEndReason reason, CancellationToken cancellationToken)
    {
        EndLog.Shared.Ends.Enqueue((Owner, reason));
        return Task.CompletedTask;
    }
}
