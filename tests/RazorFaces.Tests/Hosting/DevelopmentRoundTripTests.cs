using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RazorFaces.Hosting;
using RazorFaces.Session;
using RazorFaces.State;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Hosting;

public sealed class DevelopmentRoundTripTests
{
    [Fact]
    public async Task InDevelopmentABeanThatLosesDataWhenReadBackIsReportedWithTheFirstDifference()
    {
        using var logs = new CapturingLoggerProvider();
        var (manager, session) = await NewSessionAsync(logs, Environments.Development);
        ((LossyBean)session.State!.GetBean(Descriptor, JsonSessionSerializer.Instance)).SetTotal(7);

        await manager.SaveAsync(session, CancellationToken.None);

        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error
            && e.Message.Contains("LossyBean", StringComparison.Ordinal)
            && e.Message.Contains("7", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InProductionTheRoundTripIsNotChecked()
    {
        using var logs = new CapturingLoggerProvider();
        var (manager, session) = await NewSessionAsync(logs, Environments.Production);
        ((LossyBean)session.State!.GetBean(Descriptor, JsonSessionSerializer.Instance)).SetTotal(7);

        await manager.SaveAsync(session, CancellationToken.None);

        Assert.DoesNotContain(logs.Entries, e => e.Level == LogLevel.Error);
    }

    private static readonly BeanDescriptor Descriptor = new(typeof(LossyBean), BeanScope.Session);

    private static async Task<(SessionManager, LockedSession)> NewSessionAsync(CapturingLoggerProvider logs, string environment)
    {
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var time = TimeProvider.System;
        var options = Options.Create(new SessionOptions());
        var manager = new SessionManager(
            new InMemorySessionStore(time), JsonSessionSerializer.Instance, [Descriptor], [], options, time,
            factory.CreateLogger<SessionManager>(), new Environment(environment));
        return (manager, await manager.CreateAsync(CancellationToken.None));
    }

    /// <summary>Its setter ignores what the store reads back: a total written to the store comes back as 0.</summary>
    public sealed class LossyBean
    {
        private int _total;

        public int Total
        {
            get => _total;
            set
            {
            }
        }

        public void SetTotal(int total) => _total = total;
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "tests";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
