using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RazorFaces.Redis;
using RazorFaces.Session;
using RazorFaces.Tests.Support;
using StackExchange.Redis;

namespace RazorFaces.Tests.Session.Redis;

/// <summary>
/// Faults of Redis itself, made real on a redis-server of each test's own: every one is a retryable
/// <see cref="SessionStoreUnavailableException"/> (503 to the client), never another exception (a 500), and the node
/// works again when Redis does.
/// </summary>
public sealed class RedisFaultTests
{
    private static readonly TimeSpan LongLife = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task ASaveToAServerThatTurnedReplicaIsStoreUnavailable()
    {
        await using var redis = await RedisServer.StartAsync();
        using var connection = new RedisConnection(redis.Configuration, "rf-fault:");
        var store = new RedisSessionStore(connection);
        var id = NewId();
        Assert.Equal(1, await store.SaveAsync(id, Changes(0)));

        // A failover turned this primary into a replica (of a primary that is not there): it refuses writes.
        await using (var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true"))
        {
            await admin.GetServer(redis.Configuration).ExecuteAsync("REPLICAOF", "127.0.0.1", FreePort());
        }

        await Assert.ThrowsAsync<SessionStoreUnavailableException>(() => store.SaveAsync(id, Changes(1)));
        await Assert.ThrowsAsync<SessionStoreUnavailableException>(() => store.AcquireAsync(id));
    }

    [Fact]
    public async Task ASaveToAServerOutOfMemoryIsStoreUnavailableAndWorksWhenMemoryIsBack()
    {
        await using var redis = await RedisServer.StartAsync();
        using var connection = new RedisConnection(redis.Configuration, "rf-fault:");
        var store = new RedisSessionStore(connection);
        var id = NewId();
        Assert.Equal(1, await store.SaveAsync(id, Changes(0)));

        await SetMaxMemoryAsync(redis, 1);
        var full = await Assert.ThrowsAsync<SessionStoreUnavailableException>(() => store.SaveAsync(id, Changes(1)));
        Assert.Contains("OOM", full.Message, StringComparison.Ordinal);
        await SetMaxMemoryAsync(redis, 0);

        Assert.Equal(2, await store.SaveAsync(id, Changes(1)));
    }

    [Fact]
    public async Task ScriptsFlushedByARestartedServerAreSentAgain()
    {
        await using var redis = await RedisServer.StartAsync();
        using var connection = new RedisConnection(redis.Configuration, "rf-fault:");
        var store = new RedisSessionStore(connection);
        var id = NewId();
        Assert.Equal(1, await store.SaveAsync(id, Changes(0)));
        using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true");

        await admin.GetServer(redis.Configuration).ScriptFlushAsync();

        Assert.Equal(2, await store.SaveAsync(id, Changes(1)));
        await using var lease = await store.AcquireAsync(id);
        Assert.Equal(2, lease!.Version);
    }

    [Fact]
    public async Task AWrongPasswordIsStoreUnavailableAndAnAclUserWithItsPasswordWorks()
    {
        await using var redis = await RedisServer.StartAsync("--requirepass", "admin-secret");
        using (var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",password=admin-secret"))
        {
            await admin.GetDatabase().ExecuteAsync("ACL", "SETUSER", "app", "on", ">app-secret", "~rf-acl:*", "&*", "+@all");
        }
        using var wrong = new RedisConnection(redis.Configuration + ",user=app,password=not-it", "rf-acl:");
        using var right = new RedisConnection(redis.Configuration + ",user=app,password=app-secret", "rf-acl:");
        var id = NewId();

        await Assert.ThrowsAsync<SessionStoreUnavailableException>(() => new RedisSessionStore(wrong).SaveAsync(id, Changes(0)));

        Assert.Equal(1, await new RedisSessionStore(right).SaveAsync(id, Changes(0)));
    }

    [Fact]
    public async Task HealthIsUnavailableWhileTheNodeCanReadButNotWriteAndRecovers()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var server = await StartDemoOnAsync(redis);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("healthz")).StatusCode);

        // Reads still work (the health probe's own read would pass), writes do not.
        await SetMaxMemoryAsync(redis, 1);
        await EventuallyStatusAsync(http, HttpStatusCode.ServiceUnavailable);
        Assert.Contains("store-cannot-write", await (await http.GetAsync("healthz")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var page = await http.GetAsync("counter");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);

        await SetMaxMemoryAsync(redis, 0);
        await EventuallyStatusAsync(http, HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("counter")).StatusCode);
    }

    [Fact]
    public async Task ARequestTheStoreCannotServeAnswers503WithOneWarningAndNoError()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var server = await StartDemoOnAsync(redis);
        using var browser = new RazorFaces.Testing.Client.BrowserSession(server.BaseAddress, new RazorFaces.Testing.Client.ClientOptions { RetryFor = TimeSpan.Zero });
        var view = await browser.OpenAsync("counter");
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        await SetMaxMemoryAsync(redis, 1);
        var mark = server.Logs.Mark();

        var click = await view.ClickAsync("#increment");
        var page = await http.GetAsync("counter");

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "store-unavailable"), (click.Status, click.ErrorCode));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        // A store that cannot serve is Redis's fault, not a bug: one warning per request with Redis's reason, no error
        // (and no stack trace) however many requests a failover refuses.
        var logs = server.Logs.Since(mark);
        Assert.DoesNotContain(logs, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
        Assert.Single(logs, e => e.Category.EndsWith(".ClientMessageHandler", StringComparison.Ordinal)
            && e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.Contains("OOM", StringComparison.Ordinal) && e.Exception is null);
        Assert.Single(logs, e => e.Category.EndsWith(".PageEndpoint", StringComparison.Ordinal)
            && e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.Contains("OOM", StringComparison.Ordinal) && e.Exception is null);

        await SetMaxMemoryAsync(redis, 0);
        Assert.True((await view.ClickAsync("#increment")).IsSuccess);
    }

    [Fact]
    public async Task ANodeWithoutARedisConfigurationFailsAtStartWithAClearMessage()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            RazorFacesTestServer.StartDemoAsync(services: s => s.AddRazorFacesRedis(o => o.KeyPrefix = "app:")));

        Assert.Contains("Configuration, ConfigurationOptions or ConnectionMultiplexerFactory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConnectionFromTheAppsFactoryIsUsedAndLeftOpen()
    {
        await using var redis = await RedisServer.StartAsync();
        var own = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var prefix = $"rf-factory-{Guid.NewGuid():N}:";
        await using (var server = await RazorFacesTestServer.StartDemoAsync(services: s => s.AddRazorFacesRedis(o =>
        {
            o.ConnectionMultiplexerFactory = () => Task.FromResult<IConnectionMultiplexer>(own);
            o.KeyPrefix = prefix;
        })))
        {
            using var browser = server.NewBrowser();
            await browser.OpenAsync("counter");

            Assert.True(await own.GetDatabase().KeyExistsAsync(new RedisKeys(prefix).Session(browser.SessionId)));
        }
        Assert.True(own.IsConnected);
        own.Dispose();
    }

    private static Task<RazorFacesTestServer> StartDemoOnAsync(RedisServer redis) =>
        RazorFacesTestServer.StartDemoAsync(services: s => s.AddRazorFacesRedis(o =>
        {
            o.Configuration = redis.Configuration;
            o.KeyPrefix = $"rf-fault-{Guid.NewGuid():N}:";
        }));

    // Memory full: Redis refuses every write (OOM) and still serves reads; 0 gives the memory back.
    private static async Task SetMaxMemoryAsync(RedisServer redis, long bytes)
    {
        using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true");
        var server = admin.GetServer(redis.Configuration);
        await server.ExecuteAsync("CONFIG", "SET", "maxmemory-policy", "noeviction");
        await server.ExecuteAsync("CONFIG", "SET", "maxmemory", bytes);
    }

    private static async Task EventuallyStatusAsync(HttpClient http, HttpStatusCode status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        HttpStatusCode last;
        while ((last = (await http.GetAsync("healthz")).StatusCode) != status)
        {
            Assert.True(DateTime.UtcNow < deadline, $"/healthz stayed {last}, expected {status}");
            await Task.Delay(100);
        }
    }

    private static string NewId() => Guid.NewGuid().ToString("N");

    private static SessionChanges Changes(long expected) =>
        new(expected, new Dictionary<string, byte[]> { ["meta"] = Encoding.UTF8.GetBytes($"written at {expected + 1}") }, [], LongLife);

    private static int FreePort() => RazorFaces.TestSupport.LoopbackPorts.Next();
}
