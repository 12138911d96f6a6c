namespace RazorFaces.Session;

/// <summary>
/// One gate per session id that a request is using or waiting for: requests of one session run one at a time on
/// this node. A gate lives only while someone holds or waits for it, so a node that served millions of sessions
/// does not keep a semaphore for each of them.
/// </summary>
internal sealed class SessionGates
{
    private readonly Dictionary<string, Gate> _gates = new(StringComparer.Ordinal);

    /// <summary>How many gates exist now (held or waited for).</summary>
    public int Count
    {
        get
        {
            lock (_gates)
            {
                return _gates.Count;
            }
        }
    }

    /// <summary>Waits for the session's gate; disposing the result lets the next request of the session in.</summary>
    public async Task<IDisposable> EnterAsync(string sessionId, CancellationToken cancellationToken)
    {
        Gate gate;
        lock (_gates)
        {
            if (!_gates.TryGetValue(sessionId, out gate!))
            {
                _gates[sessionId] = gate = new Gate(this, sessionId);
            }
            gate.Users++;
        }
        try
        {
            await gate.Semaphore.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(gate);
            throw;
        }
        return gate.Entry();
    }

    private void Leave(Gate gate)
    {
        lock (_gates)
        {
            if (--gate.Users == 0)
            {
                _gates.Remove(gate.SessionId);
            }
        }
    }

    private sealed class Gate(SessionGates owner, string sessionId)
    {
        public readonly SemaphoreSlim Semaphore = new(1, 1);
        public readonly string SessionId = sessionId;
        public int Users;

        public IDisposable Entry() => new Held(this);

        public void Exit()
        {
            Semaphore.Release();
            owner.Leave(this);
        }
    }

    private sealed class Held(Gate gate) : IDisposable
    {
        private int _exited;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _exited, 1) == 0)
            {
                gate.Exit();
            }
        }
    }
}
