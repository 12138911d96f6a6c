using RazorFaces.Redis;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Session.Redis;

public sealed class RedisConnectionTests(RedisServer redis) : IClassFixture<RedisServer>, IDisposable
{
    private readonly RedisConnection _connection = new(redis.Configuration, "rf-conn-test:");

    [Fact]
    public async Task WorkAfterOneRedisReplyDoesNotHoldUpWorkAfterAnother()
    {
        // Two requests' continuations must be able to run at the same time: with replies handled one after another
        // on a single thread, the first would wait here for a second that can never start.
        using var both = new Barrier(2);
        async Task<bool> RequestAsync()
        {
            await _connection.RunAsync(db => db.PingAsync());
            return both.SignalAndWait(TimeSpan.FromSeconds(15));
        }

        var results = await Task.WhenAll(RequestAsync(), RequestAsync()).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.All(results, Assert.True);
    }

    [Fact]
    public void TheFirstAttemptsReasonIsTheClientsFailureLinesWithoutItsStateDump()
    {
        const string log = """
            06:31:17.2520: Connecting (async) on .NET 10.0.0 (StackExchange.Redis: v3.4.35.20751)
            06:31:17.2530: Resetting failing connections to retry...
            06:31:17.2533: Connection failed: 127.0.0.1:6380 (Interactive, AuthenticationFailure): AuthenticationFailure (0-read, 0-sent) on 127.0.0.1:6380/Interactive, Initializing/NotStarted, last: NONE, v: 3.4.35.20751
            06:31:17.2533: > The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot
            06:31:17.2534: Connection failed: 127.0.0.1:6380 (Interactive, AuthenticationFailure): AuthenticationFailure (0-read, 0-sent) on 127.0.0.1:6380/Interactive, Initializing/NotStarted, last: NONE, v: 3.4.35.20751
            06:31:17.2534: > The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot
            """;

        Assert.Equal(
            "Connection failed: 127.0.0.1:6380 (Interactive, AuthenticationFailure): AuthenticationFailure"
                + " | > The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot",
            RedisConnection.FirstAttemptFailures(log));
        // A log that names no failure is given whole (without its time stamps) rather than dropped.
        Assert.Equal("Connecting (async) | Still waiting", RedisConnection.FirstAttemptFailures("06:00:00.1: Connecting (async)\n06:00:01.2: Still waiting\n"));
    }

    public void Dispose() => _connection.Dispose();
}
