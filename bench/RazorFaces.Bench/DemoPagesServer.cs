using System.Net;
using Demo.App;
using Demo.App.Beans;
using Demo.App.Chat;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace RazorFaces.Bench;

/// <summary>
/// Real Kestrel on 127.0.0.1 with every demo page working (/chat too: its session bean and in-memory chat store),
/// registered as Demo.App's Program.cs does on a single node. <see cref="BenchServer"/> serves /counter and friends
/// but not /chat.
/// </summary>
internal sealed class DemoPagesServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DemoPagesServer(WebApplication app, Uri address) => (_app, Address) = (app, address);

    public Uri Address { get; }

    public static async Task<DemoPagesServer> StartAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(new NodeInfo("bench"));
        builder.Services.AddRazorFaces(options =>
        {
            options.Title = "RazorFaces demo";
            options.Cluster.NodeName = "bench";
        });
        builder.Services.AddSingleton<IChatStore, InMemoryChatStore>();
        builder.Services.AddSessionBean<CartBean>();
        builder.Services.AddSessionBean<ChatUser>();
        var app = builder.Build();
        app.MapRazorFaces<App>();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new DemoPagesServer(app, new Uri(address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
