namespace RazorFaces;

/// <summary>
/// Implemented by a session bean that must do something when its session ends — release a reservation, write
/// an audit line. Runs exactly once, on one node, when the session really expires or is invalidated; never
/// because a node stopped or crashed.
/// </summary>
public interface ISessionEndedHandler
{
    /// <summary>The session ended. Exceptions are logged; they do not stop the other beans' handlers.</summary>
    Task OnSessionEndedAsync(SessionEndReason reason, CancellationToken cancellationToken);
}
