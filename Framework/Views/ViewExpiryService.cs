using Microsoft.Extensions.Hosting;
using RazorFaces.Session;

namespace RazorFaces.Views;

/// <summary>Periodically ends idle sessions and drops idle views; on shutdown disposes every view.</summary>
internal sealed class ViewExpiryService(ViewRegistry views, SessionRegistry sessions, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await views.RemoveIdleAsync(sessions.RemoveExpired());
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
