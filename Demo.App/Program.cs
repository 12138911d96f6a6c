using Demo.App;
using Demo.App.Beans;
using Demo.App.Chat;
using Microsoft.AspNetCore.HttpOverrides;

var builder = WebApplication.CreateBuilder(args);
var node = builder.Configuration["node"] ?? Environment.MachineName;

builder.Services.AddSingleton(new NodeInfo(node));
builder.Services.AddRazorFaces(options =>
{
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
// --redis HOST:PORT: cluster mode, sessions in Redis (scripts/cluster.sh starts three nodes this way).
if (builder.Configuration["redis"] is { Length: > 0 } redis)
{
    builder.Services.AddRazorFacesRedis(redis);
    builder.Services.AddSingleton<IChatStore, RedisChatStore>();
}
else
{
    builder.Services.AddSingleton<IChatStore, InMemoryChatStore>();
}
builder.Services.AddSessionBean<CartBean>();
builder.Services.AddSessionBean<ChatUser>();

var app = builder.Build();
// --forwarded-headers true: behind a proxy that terminates TLS, believe its X-Forwarded-Proto (and -For), so requests
// count as HTTPS and the cookies get Secure. Only proxies on loopback are believed unless more are configured
// (docs/security.md, "Behind a proxy").
if (builder.Configuration.GetValue<bool>("forwarded-headers"))
{
    app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto });
}
// wwwroot: the JavaScript module of /interop.
app.UseStaticFiles();
app.MapRazorFaces<App>();
app.Run();

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
