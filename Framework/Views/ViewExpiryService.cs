using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RazorFaces.Diagnostics;
using RazorFaces.Session;

namespace RazorFaces.Views;

/// <summary>
/// Periodically passivates idle live views (and lets go of the session objects no live view uses any more) and
/// forgets expired sessions; passivates at once when the node holds
/// more live views than <see cref="ViewOptions.MaxLivePerNode"/>; on shutdown disposes every live view
/// (their state is already in the session objects: every request saved before it answered).
/// </summary>
internal sealed partial class ViewExpiryService : BackgroundService
{
    private readonly ViewRegistry views;
    private readonly SessionManager sessions;
    private readonly ISessionStore store;
    private readonly IOptions<ViewOptions> options;
    private readonly TimeProvider time;
    private readonly ILogger<ViewExpiryService> logger;
    private readonly MemoryReturn memory;
    private DateTimeOffset _warned = DateTimeOffset.MinValue;

    public ViewExpiryService(
        ViewRegistry views, SessionManager sessions, ISessionStore store, IOptions<ViewOptions> options, TimeProvider time,
        IHostApplicationLifetime lifetime, MemoryReturn memory, RazorFacesMetrics metrics, ILogger<ViewExpiryService> logger)
    {
        // Here because this service looks after both sessions and views (the session layer has no constructor body).
        metrics.Meter.CreateObservableUpDownCounter("razorfaces.sessions.active", () => sessions.CachedCount, "{session}", "Sessions held in this node's memory.");
        this.memory = memory;
        this.logger = logger;
        this.views = views;
        this.sessions = sessions;
        this.store = store;
        this.options = options;
        this.time = time;
        // Draining: waiting long-polls answer at once (their clients poll again, through the load balancer, on
        // another node) instead of holding the shutdown for up to a poll timeout.
        lifetime.ApplicationStopping.Register(() => _ = views.RemoveAllAsync());
    }

    private static readonly TimeSpan Period = TimeSpan.FromSeconds(15);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ExpireAsync(stoppingToken), RelievePressureAsync(stoppingToken));

    private async Task ExpireAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                memory.Released(await views.PassivateAsync(options.Value.PassivateAfter) + await sessions.RemoveExpiredAsync()
                    + await sessions.ReleaseUnusedAsync());
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    // Over the cap: down to nine tenths of it, so the next few new views do not each start another round.
    private async Task RelievePressureAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await views.OverCapAsync(stoppingToken))
            {
                var cap = options.Value.MaxLivePerNode;
                var dropped = await views.PassivateLeastRecentlyUsedAsync(cap - cap / 10);
                memory.Released(dropped + await sessions.ReleaseUnusedAsync());
                if (views.Count > cap && time.GetUtcNow() - _warned >= TimeSpan.FromMinutes(1))
                {
                    // Once a minute: under a flood of new views this would be every request.
                    _warned = time.GetUtcNow();
                    LogStillOverCap(logger, views.Count, cap, dropped);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} live views stay over the cap of {Cap} ({Dropped} passivated): every other one's tab is listening to it. Raise Views.MaxLivePerNode or add nodes.")]
    private static partial void LogStillOverCap(ILogger logger, int count, int cap, int dropped);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await views.RemoveAllAsync();
    }
}
