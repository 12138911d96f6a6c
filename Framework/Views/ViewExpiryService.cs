using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RazorFaces.Session;

namespace RazorFaces.Views;

/// <summary>
/// Periodically passivates idle live views and forgets expired sessions; on shutdown disposes every live view
/// (their state is already in the session objects: every request saved before it answered).
/// </summary>
internal sealed class ViewExpiryService : BackgroundService
{
    private readonly ViewRegistry views;
    private readonly SessionManager sessions;
    private readonly ISessionStore store;
    private readonly IOptions<ViewOptions> options;
    private readonly TimeProvider time;

    public ViewExpiryService(
        ViewRegistry views, SessionManager sessions, ISessionStore store, IOptions<ViewOptions> options, TimeProvider time,
        IHostApplicationLifetime lifetime)
    {
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await views.PassivateAsync(options.Value.PassivateAfter);
                await sessions.RemoveExpiredAsync();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await views.RemoveAllAsync();
    }
}
