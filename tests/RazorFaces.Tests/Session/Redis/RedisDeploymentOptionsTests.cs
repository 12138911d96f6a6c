using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RazorFaces.Redis;
using RazorFaces.Tests.Support;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace RazorFaces.Tests.Session.Redis;

/// <summary>
/// What a production Redis asks of a node's configuration (docs/cluster.md, "TLS, ACL users, database"), each on a
/// redis-server of its own: TLS with a private CA, an ACL user allowed only the app's key prefix and the commands
/// RazorFaces needs, a database other than 0. A wrong setting answers 503 with a logged reason, never a 500.
/// </summary>
public sealed class RedisDeploymentOptionsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task OverTlsWithAPrivateCaTheClickedSessionLandsInRedis()
    {
        using var certificates = RedisTlsCertificates.Create();
        await using var redis = await RedisServer.StartTlsAsync(certificates);
        var prefix = NewPrefix("rf-tls");
        await using var server = await RazorFacesTestServer.StartDemoAsync(services: s => s.AddRazorFacesRedis(o =>
        {
            o.ConfigurationOptions = Tls(redis, certificates);
            o.KeyPrefix = prefix;
        }));
        using var browser = server.NewBrowser();

        var view = await browser.OpenAsync("counter");
        var click = await view.ClickAsync("#increment");

        Assert.True(click.IsSuccess, click.ToString());
        Assert.Equal("1", view.Text("#count"));
        using var admin = await ConnectionMultiplexer.ConnectAsync(Tls(redis, certificates));
        Assert.True(await admin.GetDatabase().KeyExistsAsync(new RedisKeys(prefix).Session(browser.SessionId)));
    }

    [Fact]
    public async Task ANodeThatDoesNotTrustTheServersCaAnswers503WithTheReasonLogged()
    {
        using var certificates = RedisTlsCertificates.Create();
        await using var redis = await RedisServer.StartTlsAsync(certificates);
        // TLS on, but the private CA is not among the machine's trusted roots and no callback trusts it.
        await using var server = await RazorFacesTestServer.StartDemoAsync(services: s => s.AddRazorFacesRedis(o =>
        {
            o.Configuration = $"{redis.Configuration},ssl=true,sslHost={RedisTlsCertificates.HostName}";
            o.KeyPrefix = NewPrefix("rf-tls-untrusted");
        }));
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        var page = await http.GetAsync("counter");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Contains("session store is unavailable", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The certificate's refusal is the reason the node logs as soon as its first attempt fails (at start, before any
        // request), and again with each request's 503 while it keeps trying.
        var connection = server.Logs.Entries.First(e => e.Category == typeof(RedisConnection).FullName);
        output.WriteLine(connection.Message);
        Assert.Equal(LogLevel.Warning, connection.Level);
        Assert.Contains("UntrustedRoot", connection.Message, StringComparison.Ordinal);
        Assert.True(server.Logs.Contains("AuthenticationFailure", LogLevel.Warning));
    }

    /// <summary>The least an ACL user needs (docs/cluster.md): its prefix's keys and channels, and these commands.</summary>
    internal static readonly string[] MinimumAcl = ["-@all", "+evalsha", "+eval", "+script|load", "+publish", "+subscribe", "+unsubscribe", "+ping", "+echo", "+info",
        "+client|setname", "+client|id", "+cluster|nodes", "+cluster|slots", "+get", "+set", "+del", "+exists", "+pexpire", "+hget", "+hset", "+hdel", "+hgetall",
        "+zadd", "+zrem", "+zscore", "+zrangebyscore", "+time", "+lrange", "+rpush", "+wait", "+role"];

    [Fact]
    public async Task AnAclUserAllowedOnlyItsPrefixAndTheNeededCommandsRunsTheAppAndAWrongPasswordIs503()
    {
        // The default user has a password too: were it open, a connection whose AUTH fails would go on as the default
        // user (Redis keeps it), and a wrong password would not show.
        await using var redis = await RedisServer.StartAsync("--requirepass", "admin-secret");
        var prefix = NewPrefix("rf-acl");
        using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",password=admin-secret");
        await admin.GetDatabase().ExecuteAsync("ACL", ["SETUSER", "app", "reset", "on", ">app-secret", $"~{prefix}*", $"&{prefix}*", .. MinimumAcl]);

        await using (var wrong = await StartAsync(redis, ",user=app,password=not-it", prefix))
        {
            using var http = new HttpClient { BaseAddress = wrong.BaseAddress };
            var page = await http.GetAsync("counter");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.True(wrong.Logs.Contains("AuthenticationFailure", LogLevel.Warning));
        }

        await admin.GetDatabase().ExecuteAsync("ACL", "LOG", "RESET");
        // No tie-breaker key or configuration channel: they would lie outside the prefix.
        await using var server = await StartAsync(redis, ",user=app,password=app-secret,tiebreaker=,configChannel=", prefix);
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        var click = await view.ClickAsync("#increment");
        var denied = Describe(await admin.GetDatabase().ExecuteAsync("ACL", "LOG"));
        output.WriteLine(denied);

        Assert.True(click.IsSuccess, click.ToString());
        Assert.True(await admin.GetDatabase().KeyExistsAsync(new RedisKeys(prefix).Session(browser.SessionId)));
        // The client asks for the server's configuration at connect, and does without it when refused: CONFIG stays
        // denied, as it should for an app.
        Assert.All(denied.Split("; ", StringSplitOptions.RemoveEmptyEntries), d => Assert.Equal("command config|get", d));
    }

    [Fact]
    public async Task WithADefaultDatabaseTheSessionLandsInThatDatabase()
    {
        await using var redis = await RedisServer.StartAsync();
        var prefix = NewPrefix("rf-db");
        await using var server = await StartAsync(redis, ",defaultDatabase=5", prefix);
        using var browser = server.NewBrowser();

        var view = await browser.OpenAsync("counter");
        Assert.True((await view.ClickAsync("#increment")).IsSuccess);

        using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var key = new RedisKeys(prefix).Session(browser.SessionId);
        Assert.True(await admin.GetDatabase(5).KeyExistsAsync(key));
        Assert.False(await admin.GetDatabase(0).KeyExistsAsync(key));
    }

    private static Task<RazorFacesTestServer> StartAsync(RedisServer redis, string options, string prefix) =>
        RazorFacesTestServer.StartDemoAsync(services: s => s.AddRazorFacesRedis(o =>
        {
            o.Configuration = redis.Configuration + options;
            o.KeyPrefix = prefix;
        }));

    // Each ACL LOG entry as "reason object" (e.g. "command cluster|nodes").
    private static string Describe(RedisResult? log) => string.Join("; ", ((RedisResult[])log!).Select(entry =>
    {
        var fields = ((RedisResult[])entry!).Select(f => f.ToString()).ToList();
        return fields[fields.IndexOf("reason") + 1] + " " + fields[fields.IndexOf("object") + 1];
    }));

    private static ConfigurationOptions Tls(RedisServer redis, RedisTlsCertificates certificates)
    {
        var options = ConfigurationOptions.Parse(redis.Configuration);
        options.Ssl = true;
        options.SslHost = RedisTlsCertificates.HostName;
        options.CertificateValidation += (_, certificate, _, errors) => certificates.Trusts(certificate, errors);
        return options;
    }

    private static string NewPrefix(string name) => $"{name}-{Guid.NewGuid():N}:";
}
