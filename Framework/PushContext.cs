using System.Collections.Concurrent;

namespace RazorFaces;

/// <summary>
/// One push to a group as one node applies it: handed to <see cref="IPushHandler.OnPushAsync"/> of every view of
/// the group on this node. Data that every view of the push shows (a chat history, a price list) is loaded once
/// per push with <see cref="LoadOnceAsync{T}"/> instead of once per view.
/// </summary>
public sealed class PushContext
{
    private static long _lastSequence;

    private readonly ConcurrentDictionary<string, object> _values = new(StringComparer.Ordinal);

    /// <summary>A push to <paramref name="group"/> received now.</summary>
    internal PushContext(string group)
    {
        Group = group;
        Sequence = Interlocked.Increment(ref _lastSequence);
    }

    /// <summary>The push group being rendered.</summary>
    public string Group { get; }

    // Later pushes have higher numbers: a view that several pushes of one group reach keeps the newest, whose
    // values are loaded after every one of those pushes was received.
    internal long Sequence { get; }

    /// <summary>
    /// Loads a value once for this push on this node and hands every view of the push the same instance, so
    /// N views of a group cost one read of the data they share, not N. The value is read after the push was
    /// received, so it is at least as new as whatever the push announced.
    /// </summary>
    /// <remarks>
    /// <paramref name="load"/> runs on the thread pool, not on the calling view's dispatcher: it must not touch
    /// any component's state, only load. Views share what it returns, so treat it as read-only (an immutable
    /// list, a record). A load that fails fails every view waiting for it and is tried again by the next view
    /// that asks. A key names one type of value: asking for it as another type throws.
    /// </remarks>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="key">Names the value within this push (e.g. <c>"chat:recent"</c>).</param>
    /// <param name="load">Reads the value; called at most once per push and key while it succeeds.</param>
    public Task<T> LoadOnceAsync<T>(string key, Func<Task<T>> load)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(load);
        var entry = _values.GetOrAdd(key, static (_, load) => new Lazy<Task<T>>(() => Task.Run(load)), load);
        if (entry is not Lazy<Task<T>> shared)
        {
            throw new InvalidOperationException(
                $"The push value '{key}' is loaded as {entry.GetType().GetGenericArguments()[0].GetGenericArguments()[0].Name}, not as {typeof(T).Name}.");
        }
        return AwaitAsync(key, shared);
    }

    private async Task<T> AwaitAsync<T>(string key, Lazy<Task<T>> shared)
    {
        try
        {
            return await shared.Value;
        }
        catch
        {
            // A failed load is not kept: the next view that asks loads again (one retry per view at most).
            _values.TryRemove(KeyValuePair.Create(key, (object)shared));
            throw;
        }
    }
}
