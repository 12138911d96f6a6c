using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using RazorFaces.Tests.Support;
using RazorFaces.Tests.Views;

namespace RazorFaces.Tests.Diagnostics;

/// <summary>The instruments of the <c>RazorFaces</c> meter, read the way an operator's collector reads them.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task EventsAreCountedAndTimedByTransportAndOutcome()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync();
        using var events = Collector<long>(server, "razorfaces.events");
        using var durations = Collector<double>(server, "razorfaces.event.duration");
        using var browser = server.NewBrowser();

        var polled = await browser.OpenAsync("counter", TransportKind.LongPoll);
        await polled.ClickAsync("#increment");
        await polled.ClickAsync("#increment");
        var hub = await browser.OpenAsync("counter", TransportKind.SignalR);
        await hub.ClickAsync("#increment");
        await polled.SendAsync(polled.EventMessage("no-such-target", "click"));

        var measured = events.GetMeasurementSnapshot();
        Assert.Equal(2, measured.Count(m => m.Tags["razorfaces.transport"] as string == "longpoll" && m.Tags["razorfaces.outcome"] as string == "ok"));
        Assert.Equal(1, measured.Count(m => m.Tags["razorfaces.transport"] as string == "signalr" && m.Tags["razorfaces.outcome"] as string == "ok"));
        Assert.Single(measured, m => m.Tags["razorfaces.outcome"] as string is not "ok");
        Assert.Equal(4, durations.GetMeasurementSnapshot().Count);
        Assert.All(durations.GetMeasurementSnapshot(), m => Assert.InRange(m.Value, 0, 60));
    }

    [Fact]
    public async Task LiveViewsSessionsRebuildsAndStoreSavesAreVisible()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync();
        using var live = Collector<int>(server, "razorfaces.views.live");
        using var sessions = Collector<int>(server, "razorfaces.sessions.active");
        using var started = Collector<long>(server, "razorfaces.sessions.started");
        using var rebuilt = Collector<long>(server, "razorfaces.views.rebuilt");
        using var store = Collector<double>(server, "razorfaces.store.operation.duration");
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        await view.ClickAsync("#increment");

        live.RecordObservableInstruments();
        sessions.RecordObservableInstruments();
        Assert.Equal(1, live.LastMeasurement?.Value);
        Assert.Equal(1, sessions.LastMeasurement?.Value);
        Assert.Equal(1, started.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Contains(store.GetMeasurementSnapshot(), m => m.Tags["razorfaces.store.operation"] as string == "save");

        await server.Registry().RemoveAllAsync();
        await view.ClickAsync("#increment");

        Assert.Equal("2", view.Text("#count"));
        var rebuild = Assert.Single(rebuilt.GetMeasurementSnapshot());
        Assert.Equal("same-dom", rebuild.Tags["razorfaces.rebuild.outcome"]);
    }

    private static MetricCollector<T> Collector<T>(RazorFacesTestServer server, string instrument)
        where T : struct =>
        new(server.Services.GetRequiredService<IMeterFactory>(), "RazorFaces", instrument);
}
