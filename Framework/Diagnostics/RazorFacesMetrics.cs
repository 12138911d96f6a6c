using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RazorFaces.Diagnostics;

/// <summary>
/// The framework's instruments, on the meter and activity source named <c>RazorFaces</c> (names follow OpenTelemetry's
/// conventions; docs/operations.md lists each). Created through <see cref="IMeterFactory"/>, so every host (and every
/// test server) has its own meter and listeners can tell them apart.
/// </summary>
internal sealed class RazorFacesMetrics
{
    public const string Name = "RazorFaces";

    /// <summary>The spans of event handling: <c>razorfaces.event</c>, with <c>razorfaces.session.save</c> inside.</summary>
    public static readonly ActivitySource Activities = new(Name);

    private readonly Counter<long> _events;
    private readonly Histogram<double> _eventDuration;
    private readonly Counter<long> _rebuilds;
    private readonly Counter<long> _passivated;
    private readonly Counter<long> _evicted;
    private readonly Counter<long> _sessionsStarted;
    private readonly Counter<long> _sessionsEnded;
    private readonly Counter<long> _sessionsRefused;
    private readonly Histogram<double> _storeDuration;
    private readonly Histogram<double> _pushDuration;
    private readonly Histogram<double> _lockDuration;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _refreshes;

    public RazorFacesMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(Name);
        _events = Meter.CreateCounter<long>("razorfaces.events", "{event}", "Client messages handled (events, navigation, resyncs), by transport and outcome.");
        _eventDuration = Meter.CreateHistogram<double>("razorfaces.event.duration", "s", "Time to handle a client message, session lock to save, by transport.");
        _rebuilds = Meter.CreateCounter<long>("razorfaces.views.rebuilt", "{view}", "Views rebuilt from the session object (after passivation or on a node that took over), by whether the browser needed a refresh.");
        _passivated = Meter.CreateCounter<long>("razorfaces.views.passivated", "{view}", "Live views dropped from memory, their state kept, by reason (idle, pressure).");
        _evicted = Meter.CreateCounter<long>("razorfaces.views.evicted", "{view}", "Views dropped with their record because their session had more than Views.MaxPerSession.");
        _sessionsStarted = Meter.CreateCounter<long>("razorfaces.sessions.started", "{session}", "Sessions this node started.");
        _sessionsEnded = Meter.CreateCounter<long>("razorfaces.sessions.ended", "{session}", "Sessions this node ended, by reason (expired, invalidated).");
        _sessionsRefused = Meter.CreateCounter<long>("razorfaces.sessions.refused", "{session}", "New sessions refused because the node holds Sessions.MaxPerNode.");
        _storeDuration = Meter.CreateHistogram<double>("razorfaces.store.operation.duration", "s", "Session store operations (acquire, save), with error.type when one failed.");
        _pushDuration = Meter.CreateHistogram<double>("razorfaces.push.duration", "s", "Time to deliver a push to one view: session lock, render, save.");
        _lockDuration = Meter.CreateHistogram<double>("razorfaces.session.lock.duration", "s", "Time to lock a session: this node's gate (requests of the same session queue there) and the store's lease (another node's request holds it).");
        _sent = Meter.CreateCounter<long>("razorfaces.transport.sent", "By", "Bytes of server messages sent to browsers (answers, polls, hub pushes), by transport.");
        _refreshes = Meter.CreateCounter<long>("razorfaces.views.refreshes", "{refresh}", "Whole-view refreshes sent instead of patches, by reason.");
    }

    public Meter Meter { get; }

    public void EventHandled(string transport, string? errorCode, TimeSpan duration)
    {
        var transportTag = new KeyValuePair<string, object?>("razorfaces.transport", transport);
        _events.Add(1, transportTag, new KeyValuePair<string, object?>("razorfaces.outcome", errorCode ?? "ok"));
        _eventDuration.Record(duration.TotalSeconds, transportTag);
    }

    public void Rebuilt(bool refreshed) =>
        _rebuilds.Add(1, new KeyValuePair<string, object?>("razorfaces.rebuild.outcome", refreshed ? "refreshed" : "same-dom"));

    public void Passivated(int count, string reason)
    {
        if (count > 0)
        {
            _passivated.Add(count, new KeyValuePair<string, object?>("razorfaces.reason", reason));
        }
    }

    public void Evicted() => _evicted.Add(1);

    public void SessionStarted() => _sessionsStarted.Add(1);

    public void SessionsEnded(int count, SessionEndReason reason)
    {
        if (count > 0)
        {
            _sessionsEnded.Add(count, new KeyValuePair<string, object?>("razorfaces.reason", reason == SessionEndReason.Expired ? "expired" : "invalidated"));
        }
    }

    public void SessionRefused() => _sessionsRefused.Add(1);

    public void StoreOperation(string operation, TimeSpan duration, Exception? error)
    {
        var operationTag = new KeyValuePair<string, object?>("razorfaces.store.operation", operation);
        if (error is null)
        {
            _storeDuration.Record(duration.TotalSeconds, operationTag);
        }
        else
        {
            _storeDuration.Record(duration.TotalSeconds, operationTag, new KeyValuePair<string, object?>("error.type", error.GetType().Name));
        }
    }

    public void Pushed(TimeSpan duration) => _pushDuration.Record(duration.TotalSeconds);

    public void SessionLocked(TimeSpan waited) => _lockDuration.Record(waited.TotalSeconds);

    public void Sent(string transport, long bytes) => _sent.Add(bytes, new KeyValuePair<string, object?>("razorfaces.transport", transport));

    public void Refreshed(string reason) => _refreshes.Add(1, new KeyValuePair<string, object?>("razorfaces.reason", reason));
}
