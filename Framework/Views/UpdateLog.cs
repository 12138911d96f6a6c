using RazorFaces.Protocol;

namespace RazorFaces.Views;

/// <summary>
/// The last few updates a view sent, so that a client that missed some (a lost answer, a poll that raced an
/// event) gets exactly the ones it lacks. A client further behind gets a refresh instead.
/// </summary>
internal sealed class UpdateLog(int capacity)
{
    private readonly Queue<UpdateMessage> _updates = new();

    public void Add(UpdateMessage update)
    {
        _updates.Enqueue(update);
        while (_updates.Count > capacity)
        {
            _updates.Dequeue();
        }
    }

    public void Clear() => _updates.Clear();

    /// <summary>
    /// Forgets the updates up to <paramref name="number"/>: the client sent a message saying it has applied them,
    /// and it never goes back. Without this a busy view keeps <c>capacity</c> stale updates for as long as it lives.
    /// </summary>
    public void Acknowledge(int number)
    {
        while (_updates.TryPeek(out var oldest) && oldest.Number <= number)
        {
            _updates.Dequeue();
        }
    }

    /// <summary>The updates after <paramref name="number"/>, or null when the log no longer reaches back that far.</summary>
    public List<UpdateMessage>? After(int number, int current)
    {
        if (number >= current)
        {
            return [];
        }
        var updates = _updates.Where(u => u.Number > number).ToList();
        return updates.Count == current - number ? updates : null;
    }
}
