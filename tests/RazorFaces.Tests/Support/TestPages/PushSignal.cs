namespace RazorFaces.Tests.Support.TestPages;

/// <summary>Lets a test change <see cref="PushPage"/> from outside any request, like a chat message would.</summary>
public sealed class PushSignal
{
    private readonly Lock _sync = new();
    private readonly List<Action<string>> _listeners = [];

    /// <summary>How many pages listen.</summary>
    public int Listeners
    {
        get
        {
            lock (_sync)
            {
                return _listeners.Count;
            }
        }
    }

    /// <summary>Sends <paramref name="text"/> to every listening page.</summary>
    public void Push(string text)
    {
        Action<string>[] listeners;
        lock (_sync)
        {
            listeners = [.. _listeners];
        }
        foreach (var listener in listeners)
        {
            listener(text);
        }
    }

    /// <summary>Starts listening.</summary>
    public void Add(Action<string> listener)
    {
        lock (_sync)
        {
            _listeners.Add(listener);
        }
    }

    /// <summary>Stops listening.</summary>
    public void Remove(Action<string> listener)
    {
        lock (_sync)
        {
            _listeners.Remove(listener);
        }
    }
}
