using Demo.App;
using Demo.App.Account;
using Demo.App.Beans;
using Demo.App.Chat;
using Microsoft.AspNetCore.HttpOverrides;
using OpenTelemetry.Metrics;

var builder = WebApplication.CreateBuilder(args);
// The static web assets of referenced packages (QuickGrid's JavaScript module under _content/) are served from the
// build output's manifest in every environment, not only Development; a published app has them in wwwroot instead,
// and without the manifest this does nothing.
builder.WebHost.UseStaticWebAssets();
var node = builder.Configuration["node"] ?? Environment.MachineName;

builder.Services.AddSingleton(new NodeInfo(node));
builder.Services.AddRazorFaces(options =>
{
    // Any option can also come from configuration: appsettings.json's "RazorFaces" section, or the command line
    // (--RazorFaces:Views:MaxPerSession 4).
    builder.Configuration.GetSection("RazorFaces").Bind(options);
    options.Title = "RazorFaces demo";
    options.HeadHtml = DemoStyles.Head;
    // --test-hooks: lets end-to-end tests drop every live view (never in production).
    options.EnableTestHooks = builder.Configuration.GetValue<bool>("test-hooks");
    options.Cluster.NodeName = node;
    // --transport auto|signalr|longpoll: which transport the browser uses (auto: SignalR, else long-poll).
    if (builder.Configuration["transport"] is { Length: > 0 } transport)
    {
        options.Transport.Client = Enum.Parse<RazorFaces.ClientTransport>(transport, ignoreCase: true);
    }
});
// --redis CONFIGURATION: cluster mode, sessions in Redis (scripts/cluster.sh starts three nodes this way). A full
// StackExchange.Redis configuration string: "127.0.0.1:6379", several endpoints (a Redis Cluster),
// "s1:26379,s2:26379,serviceName=mymaster" (Sentinel), user=, password=, ssl=true ...
// --redis-prefix PREFIX: the start of every key (default rf:), for apps sharing one Redis.
// --redis-replica-acks N: every answer waits until N replicas have the save (acknowledged means durable).
if (builder.Configuration["redis"] is { Length: > 0 } redis)
{
    builder.Services.AddRazorFacesRedis(o =>
    {
        o.Configuration = redis;
        o.KeyPrefix = builder.Configuration["redis-prefix"] is { Length: > 0 } prefix ? prefix : o.KeyPrefix;
        o.ReplicaAcks = builder.Configuration.GetValue("redis-replica-acks", 0);
    });
    builder.Services.AddSingleton<IChatStore, RedisChatStore>();
}
else
{
    builder.Services.AddSingleton<IChatStore, InMemoryChatStore>();
}
// --new-sessions-per-minute N: at most N page loads that start a session (no session cookie) per client address and
// minute, answered 429 beyond; page loads in a session, and everything under /_rf, are not limited
// (docs/security.md, "Floods"). Sessions.MaxPerNode still caps the node as a whole.
if (builder.Configuration.GetValue<int>("new-sessions-per-minute") is > 0 and var perMinute)
{
    builder.Services.AddRateLimiter(limiter =>
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.GlobalLimiter = NewSessionLimiter.PerClientAddress(perMinute);
    });
}
// --metrics true: the RazorFaces meter (and ASP.NET Core's) through OpenTelemetry, scraped by Prometheus at /metrics
// (docs/operations.md lists the instruments).
var metrics = builder.Configuration.GetValue<bool>("metrics");
if (metrics)
{
    builder.Services.AddOpenTelemetry().WithMetrics(meters => meters
        .AddMeter("RazorFaces", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
        .AddPrometheusExporter());
}
builder.Services.AddSessionBean<CartBean>();
builder.Services.AddSessionBean<ChatUser>();
// Sign-in with a cookie: /login, /account (signed in only), sign-out (Demo.App/Account).
DemoAccounts.Add(builder.Services);

var app = builder.Build();
// --forwarded-headers true: behind a proxy that terminates TLS, believe its X-Forwarded-Proto (and -For), so requests
// count as HTTPS and the cookies get Secure. Only proxies on loopback are believed unless more are configured
// (docs/security.md, "Behind a proxy").
if (builder.Configuration.GetValue<bool>("forwarded-headers"))
{
    app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto });
}
// wwwroot: the JavaScript module of /interop, and packages' _content/ (QuickGrid's module on /grid).
app.UseStaticFiles();
if (builder.Configuration.GetValue<int>("new-sessions-per-minute") > 0)
{
    app.UseRateLimiter();
}
if (metrics)
{
    app.MapPrometheusScrapingEndpoint();
}
DemoAccounts.Map(app);
app.MapRazorFaces<App>();
app.Run();

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
