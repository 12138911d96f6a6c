using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RazorFaces.Hosting;
using RazorFaces.Session;
using RazorFaces.State;
using RazorFaces.Tests.Support;
using RazorFaces.Views;

namespace RazorFaces.Tests.Hosting;

public sealed class DevelopmentRoundTripTests
{
    [Fact]
    public async Task InDevelopmentABeanThatLosesDataWhenReadBackIsReportedWithTheFirstDifference()
    {
        using var logs = new CapturingLoggerProvider();
        var (manager, state) = NewSession(logs, Environments.Development);
        ((LossyBean)state.GetBean(Descriptor, JsonSessionSerializer.Instance)).SetTotal(7);

        await manager.SaveAsync(state, CancellationToken.None);

        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error
            && e.Message.Contains("LossyBean", StringComparison.Ordinal)
            && e.Message.Contains("7", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InProductionTheRoundTripIsNotChecked()
    {
        using var logs = new CapturingLoggerProvider();
        var (manager, state) = NewSession(logs, Environments.Production);
        ((LossyBean)state.GetBean(Descriptor, JsonSessionSerializer.Instance)).SetTotal(7);

        await manager.SaveAsync(state, CancellationToken.None);

        Assert.DoesNotContain(logs.Entries, e => e.Level == LogLevel.Error);
    }

    private static readonly BeanDescriptor Descriptor = new(typeof(LossyBean), BeanScope.Session);

    private static (SessionManager, SessionState) NewSession(CapturingLoggerProvider logs, string environment)
    {
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var time = TimeProvider.System;
        var options = Options.Create(new RazorFacesOptions());
        var manager = new SessionManager(
            new InMemorySessionStore(time), new LocalSessionLock(), JsonSessionSerializer.Instance, [Descriptor], new ViewRegistry(time, new RazorFaces.Push.PushGroups()),
            options, time, factory.CreateLogger<SessionManager>(), new Environment(environment));
        return (manager, SessionState.New("s1", time.GetUtcNow(), TimeSpan.FromMinutes(30)));
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
