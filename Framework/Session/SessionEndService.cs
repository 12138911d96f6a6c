using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RazorFaces.Diagnostics;

namespace RazorFaces.Session;

/// <summary>
/// On every node, every few seconds: claims sessions whose time ran out (the store gives each to exactly one
/// node) and runs their end-of-session hooks. A node that stops simply stops claiming; others carry on.
/// </summary>
internal sealed partial class SessionEndService(
    ISessionStore store, SessionEndHooks hooks, SessionManager sessions, MemoryReturn memory, RazorFacesMetrics metrics,
    TimeProvider time, ILogger<SessionEndService> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(5);
    private const int Batch = 50;

    /// <summary>Claims and ends expired sessions until none are left; returns how many ended.</summary>
    public async Task<int> EndExpiredAsync(CancellationToken cancellationToken)
    {
        var ended = 0;
        while (true)
        {
            var claimed = await store.ClaimExpiredAsync(Batch, cancellationToken);
            foreach (var expired in claimed)
            {
                await sessions.ForgetAsync(expired.SessionId);
                await hooks.RunAsync(expired, cancellationToken);
            }
            ended += claimed.Count;
            metrics.SessionsEnded(claimed.Count, SessionEndReason.Expired);
            // Only an empty claim means none are left: a short one may just have met another claimer (another node,
            // or this node's timer and an explicit call) taking part of the same batch.
            if (claimed.Count == 0)
            {
                return ended;
            }
            // A crowd expiring at once is ended batch by batch, letting requests that wait for a thread go first
            // (the in-memory store answers synchronously, so nothing else would yield).
            await Task.Yield();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    memory.Released(await EndExpiredAsync(stoppingToken));
                }
                catch (SessionStoreUnavailableException e)
                {
                    LogUnavailable(logger, e.Message);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A background service that throws stops the whole host: log, and try again next period.
                    LogFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not claim expired sessions: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ending expired sessions failed; trying again next period.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
