namespace RazorFaces.Testing.Client;

/// <summary>
/// Carries client messages of one page to the server, one attempt at a time: nothing is retried or applied here
/// (the <see cref="ViewClient"/> does that), and a failure is an answer (<see cref="ServerAnswer.IsTransient"/>),
/// not an exception. A test may send through it directly to see exactly what the server answered.
/// </summary>
public interface IViewTransport : IAsyncDisposable
{
    /// <summary><c>longpoll</c> or <c>signalr</c>, as the browser's <c>stats.transport</c> says.</summary>
    string Name { get; }

    /// <summary>Sends one client message (its JSON, as <c>POST /_rf/send</c> takes it) and returns the answer.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired.</exception>
    Task<ServerAnswer> SendAsync(string message, CancellationToken cancellationToken = default);

    /// <summary>Sends a <c>close</c> as a closing tab does: without headers on long-poll (a beacon), the token in the message.</summary>
    Task<ServerAnswer> CloseAsync(string message);
}
