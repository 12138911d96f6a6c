using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using RazorFaces.Protocol;

namespace RazorFaces.Transport.SignalR;

/// <summary>The view pump of each hub connection (at most one: a connection serves one tab's view).</summary>
internal sealed class HubViewPumps(
    IHubContext<RazorFacesHub> hub, ClientMessageHandler handler, ILogger<ViewPump> logger)
{
    private readonly ConcurrentDictionary<string, ViewPump> _pumps = new(StringComparer.Ordinal);

    /// <summary>Pumps currently running (for tests and diagnostics).</summary>
    public int Count => _pumps.Count;

    /// <summary>Resolves (or rebuilds) the view with the session locked, then starts pushing its updates.</summary>
    public async Task StartAsync(string connectionId, TransportRequest request, string viewId, int n, string? url)
    {
        var pump = new ViewPump(hub.Clients.Client(connectionId), request, handler, logger);
        await pump.ResolveAsync(viewId, n, url);
        if (_pumps.TryRemove(connectionId, out var old))
        {
            await old.DisposeAsync();
        }
        if (!_pumps.TryAdd(connectionId, pump))
        {
            // Two Watch calls of one connection raced; the other one stays.
            await pump.DisposeAsync();
            return;
        }
        pump.Start();
    }

    /// <summary>The connection sends a message: its pump waits for the answer before pushing.</summary>
    public void Sending(string connectionId)
    {
        if (_pumps.TryGetValue(connectionId, out var pump))
        {
            pump.Sending();
        }
    }

    /// <summary>The connection's own message was answered (null: it failed): the pump need not push those updates again.</summary>
    public void Answered(string connectionId, ViewAnswer? answer)
    {
        if (_pumps.TryGetValue(connectionId, out var pump))
        {
            pump.Answered(answer);
        }
    }

    public async Task StopAsync(string connectionId)
    {
        if (_pumps.TryRemove(connectionId, out var pump))
        {
            await pump.DisposeAsync();
        }
    }
}
