using System.Text.Json;
using RazorFaces.Testing.Client;

namespace RazorFaces.Bench;

/// <summary>
/// A simulated user's view: the shared client's ordering core (<see cref="ViewSequencer"/>: numbers in order, early
/// updates held back, a new view id adopted from a refresh) over a <see cref="CounterDocument"/>. The benchmark's
/// users keep their own lean request loops (bytes built once, cookies by hand, one shared connection) and hand every
/// answer and push to this, which reads each message in place (<see cref="ServerMessageReader"/>) and allocates
/// nothing for an ordinary update.
/// Resyncs are not sent: a load user checks every answer strictly (<see cref="CounterCheck"/>) and fails instead.
/// </summary>
internal sealed class LeanView(string viewId, int number, string url, int count = 0)
{
    private readonly Lock _sync = new();
    private readonly ViewSequencer _sequencer = new(viewId, number, url);
    private readonly CounterDocument _document = new(count);
    private readonly ServerMessageReader _reader = new();

    public string ViewId
    {
        get
        {
            lock (_sync)
            {
                return _sequencer.ViewId;
            }
        }
    }

    public int Number
    {
        get
        {
            lock (_sync)
            {
                return _sequencer.Number;
            }
        }
    }

    /// <summary>The count the page shows.</summary>
    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _document.Count;
            }
        }
    }

    /// <summary>The view number and count, read together.</summary>
    public (int Number, int Count) State
    {
        get
        {
            lock (_sync)
            {
                return (_sequencer.Number, _document.Count);
            }
        }
    }

    /// <summary>Applies an answer or a push (a JSON array of server messages) while its document is alive.</summary>
    public void Receive(JsonElement messages)
    {
        lock (_sync)
        {
            // One message at a time through the one reused message; batch and single differ only in when the gap
            // timer would be armed, and a load user never resyncs.
            var now = TimeProvider.System.GetUtcNow();
            foreach (var message in messages.EnumerateArray())
            {
                _sequencer.Receive(_reader.Read(message, _sequencer.ViewId), _document, now);
            }
        }
    }
}
