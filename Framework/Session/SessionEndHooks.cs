using Microsoft.Extensions.Logging;
using RazorFaces.State;

namespace RazorFaces.Session;

/// <summary>Runs the <see cref="ISessionEndedHandler"/> beans of an ended session, each once, logging failures.</summary>
internal sealed partial class SessionEndHooks(ISessionSerializer serializer, IEnumerable<BeanDescriptor> beans, ILogger<SessionEndHooks> logger)
{
    private readonly BeanDescriptor[] _handlers = [.. beans.Where(b => b.Scope == BeanScope.Session && typeof(ISessionEndedHandler).IsAssignableFrom(b.Type))];

    /// <summary>For a session this node holds: its live beans (and stored ones it never touched).</summary>
    public Task RunAsync(SessionState state, SessionEndReason reason, CancellationToken cancellationToken) =>
        RunAsync(state.Id, _handlers.Select(d => (d, (Func<object?>)(() => state.GetBean(d, serializer)))), reason, cancellationToken);

    /// <summary>For an expired session claimed from the store: beans from their last stored bytes.</summary>
    public Task RunAsync(ExpiredSession expired, CancellationToken cancellationToken) =>
        RunAsync(expired.SessionId, _handlers
            .Where(d => expired.Fields.ContainsKey(SessionFields.BeanField(d.Key)))
            .Select(d => (d, (Func<object?>)(() => serializer.DeserializeField(expired.Fields[SessionFields.BeanField(d.Key)], d.Type)))),
            SessionEndReason.Expired, cancellationToken);

    private async Task RunAsync(string sessionId, IEnumerable<(BeanDescriptor Descriptor, Func<object?> Bean)> handlers, SessionEndReason reason, CancellationToken cancellationToken)
    {
        foreach (var (descriptor, bean) in handlers)
        {
            try
            {
                if (bean() is ISessionEndedHandler handler)
                {
                    await handler.OnSessionEndedAsync(reason, cancellationToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogHandlerFailed(logger, descriptor.Type.Name, sessionId, e);
            }
        }
        LogEnded(logger, sessionId, reason);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The end-of-session handler of {Bean} failed for session {SessionId}.")]
    private static partial void LogHandlerFailed(ILogger logger, string bean, string sessionId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} ended ({Reason}).")]
    private static partial void LogEnded(ILogger logger, string sessionId, SessionEndReason reason);
}
