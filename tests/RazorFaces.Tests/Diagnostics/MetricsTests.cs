using System.Collections.Concurrent;
using System.Diagnostics;
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

    [Fact]
    public async Task BytesSentAreCountedByTransport()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync();
        using var sent = Collector<long>(server, "razorfaces.transport.sent");
        using var browser = server.NewBrowser();

        var polled = await browser.OpenAsync("counter", TransportKind.LongPoll);
        var answer = await polled.ClickAsync("#increment");
        var hub = await browser.OpenAsync("counter", TransportKind.SignalR);
        await hub.ClickAsync("#increment");

        var measured = sent.GetMeasurementSnapshot();
        var longPoll = measured.Where(m => m.Tags["razorfaces.transport"] as string == "longpoll").Sum(m => m.Value);
        var signalR = measured.Where(m => m.Tags["razorfaces.transport"] as string == "signalr").Sum(m => m.Value);
        // The click's answer is one of the long-poll answers counted, byte for byte.
        Assert.Contains(measured, m => m.Value == System.Text.Encoding.UTF8.GetByteCount(answer.Body) && m.Tags["razorfaces.transport"] as string == "longpoll");
        Assert.True(longPoll >= System.Text.Encoding.UTF8.GetByteCount(answer.Body), $"long-poll sent {longPoll} bytes");
        Assert.True(signalR > 0, "nothing counted for the hub");
    }

    [Fact]
    public async Task RefreshesAreCountedByReason()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync();
        using var refreshes = Collector<long>(server, "razorfaces.views.refreshes");
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("counter");

        await view.ResyncAsync();

        var refresh = Assert.Single(refreshes.GetMeasurementSnapshot());
        Assert.Equal("resync", refresh.Tags["razorfaces.reason"]);
    }

    [Fact]
    public async Task EachLockOfASessionIsTimed()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync();
        using var locks = Collector<double>(server, "razorfaces.session.lock.duration");
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        var before = locks.GetMeasurementSnapshot().Count;

        await view.ClickAsync("#increment");

        Assert.Equal(before + 1, locks.GetMeasurementSnapshot().Count);
    }

    [Fact]
    public async Task AnEventsSpanHoldsTheRenderWhichHoldsTheDiff()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "RazorFaces",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var server = await RazorFacesTestServer.StartDemoAsync();
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("counter");

        await view.ClickAsync("#increment");

        // Other tests' servers report into the same static source: look for one whole chain.
        Assert.Contains(stopped, diff =>
            diff.OperationName == "razorfaces.diff"
            && diff.Parent is { OperationName: "razorfaces.render" } render
            && render.Parent is { OperationName: "razorfaces.event" } handled
            && handled.GetTagItem("razorfaces.message.type") as string == "event");
        Assert.Contains(stopped, save => save.OperationName == "razorfaces.session.save" && save.Parent?.OperationName == "razorfaces.event");
    }

    private static MetricCollector<T> Collector<T>(RazorFacesTestServer server, string instrument)
        where T : struct =>
        new(server.Services.GetRequiredService<IMeterFactory>(), "RazorFaces", instrument);
}
