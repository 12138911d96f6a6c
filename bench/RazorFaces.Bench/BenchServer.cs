using System.Net;
using Demo.App;
using Demo.App.Beans;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace RazorFaces.Bench;

/// <summary>
/// Real Kestrel on 127.0.0.1 (a free port) with Demo.App's pipeline, plus a bare echo endpoint that the
/// round trips are compared against. Both run in the same server, so they share sockets, threads and GC.
/// </summary>
internal sealed class BenchServer : IAsyncDisposable
{
    public const string EchoPath = "/bench/echo";

    /// <summary>The upload baseline: reads a body and answers its SHA-256 (hex).</summary>
    public const string UploadPath = "/bench/upload";

    private readonly WebApplication _app;

    private BenchServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts the server; with <paramref name="redis"/> (<c>HOST:PORT</c>) sessions live in Redis, as Demo.App's <c>--redis</c> does.</summary>
    /// <param name="redis">The Redis endpoint, or null for the in-memory store.</param>
    /// <param name="format">How sessions are stored; the framework's default when null.</param>
    /// <param name="replicaAcks">Replicas every save waits for (<c>RazorFacesRedisOptions.ReplicaAcks</c>), with <paramref name="redis"/>.</param>
    public static async Task<BenchServer> StartAsync(string? redis = null, SessionFormat? format = null, int replicaAcks = 0)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        // Console logging per request would dominate a sub-millisecond round trip; keep warnings only.
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);

        // Demo.App's Program.cs, minus its stylesheet (internal to Demo.App; it only makes the first GET longer).
        builder.Services.AddSingleton(new NodeInfo(redis is null ? "bench" : "bench-redis"));
        builder.Services.AddRazorFaces(options =>
        {
            options.Title = "RazorFaces demo";
            options.Cluster.NodeName = redis is null ? "bench" : "bench-redis";
            options.Sessions.Format = format ?? options.Sessions.Format;
        });
        if (redis is not null)
        {
            builder.Services.AddRazorFacesRedis(o =>
            {
                o.Configuration = redis;
                o.ReplicaAcks = replicaAcks;
            });
        }
        builder.Services.AddSessionBean<CartBean>();
        var app = builder.Build();
        app.MapRazorFaces<App>();
        app.MapPost(EchoPath, EchoAsync);
        app.MapPost(UploadPath, UploadAsync);

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new BenchServer(app, new Uri(address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    // The upload baseline: stream the body through SHA-256 (as the /upload page hashes what it reads), nothing else.
    private static async Task UploadAsync(HttpContext context)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }
        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(Convert.ToHexStringLower(hash.GetHashAndReset()), context.RequestAborted);
    }

    // The baseline: read the whole body (as /_rf/send does) and write it back, nothing else.
    private static async Task EchoAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.Body.WriteAsync(body.GetBuffer().AsMemory(0, (int)body.Length), context.RequestAborted);
    }
}
