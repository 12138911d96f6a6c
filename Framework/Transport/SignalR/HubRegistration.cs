using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RazorFaces.Cluster;
using RazorFaces.Hosting;

namespace RazorFaces.Transport.SignalR;

/// <summary>Adds and maps the SignalR transport (kept here so the hosting extensions stay one line each).</summary>
internal static class HubRegistration
{
    // How much longer than the message its frame can be: the message travels as a JSON string inside the
    // invocation, and JSON escaping turns one byte into at most six (a control character becomes \u00XX).
    private const int EscapeGrowth = 6;

    // Room for the invocation around the message (type, invocation id, target, brackets).
    private const int InvocationEnvelope = 4096;

    /// <summary>
    /// The largest hub frame accepted: any message of up to <paramref name="maxMessageBytes"/> fits however it is
    /// escaped, so an over-limit message still reaches <see cref="RazorFacesHub.Send"/> and is answered
    /// <c>too-large</c> instead of closing the connection. A frame larger than this holds a message over the limit.
    /// </summary>
    public static long FrameLimit(int maxMessageBytes) => (long)EscapeGrowth * maxMessageBytes + InvocationEnvelope;

    public static void Add(IServiceCollection services)
    {
        // AddHubOptions registers the set-up that marks this hub's options as the ones to use: without it SignalR
        // ignores HubOptions<RazorFacesHub> and applies the global options (a 32 KB frame limit, a 15 s keep-alive).
        services.AddSignalR().AddHubOptions<RazorFacesHub>(_ => { });
        services.TryAddSingleton<HubViewPumps>();
        services.AddOptions<HubOptions<RazorFacesHub>>().Configure<IOptions<TransportOptions>>((hub, options) =>
        {
            // The keep-alive is the heartbeat the client counts (docs/protocol.md, "Heartbeats").
            hub.KeepAliveInterval = options.Value.HeartbeatInterval;
            hub.MaximumReceiveMessageSize = FrameLimit(options.Value.MaxMessageBytes);
            hub.EnableDetailedErrors = false;
        });
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        HubTicketEndpoint.Map(endpoints);
        endpoints.MapHub<RazorFacesHub>(RazorFacesHub.Path, o => o.Transports = HttpTransportType.WebSockets)
            .Add(endpoint =>
            {
                // The negotiate answer names this node in the affinity cookie, so a sticky balancer sends the
                // WebSocket that follows to the node that holds the connection id. Without it, a client whose
                // cookie names a dead node has its negotiate and its WebSocket balanced separately: with two or more
                // nodes left they can land apart every time (404) and the reconnect never succeeds.
                var inner = endpoint.RequestDelegate!;
                endpoint.RequestDelegate = context =>
                {
                    NodeAffinity.Mark(context);
                    return inner(context);
                };
            });
    }
}
