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
    public static void Add(IServiceCollection services)
    {
        services.AddSignalR();
        services.TryAddSingleton<HubViewPumps>();
        services.AddOptions<HubOptions<RazorFacesHub>>().Configure<IOptions<TransportOptions>>((hub, options) =>
        {
            // The keep-alive is the heartbeat the client counts (docs/protocol.md, "Heartbeats").
            hub.KeepAliveInterval = options.Value.HeartbeatInterval;
            // A message travels as a JSON string inside the invocation frame, escaped: leave room for that, and
            // let Send answer too-large itself (closing the connection would be a worse answer).
            hub.MaximumReceiveMessageSize = 2L * options.Value.MaxMessageBytes + 4096;
            hub.EnableDetailedErrors = false;
        });
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
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
