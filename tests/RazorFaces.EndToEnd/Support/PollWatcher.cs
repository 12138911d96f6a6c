using Microsoft.Playwright;

namespace RazorFaces.EndToEnd.Support;

/// <summary>Records a page's long-poll requests and which of them have ended, so a test can wait on the poll's state.</summary>
internal sealed class PollWatcher
{
    private readonly List<IRequest> _sent = [];
    private readonly HashSet<IRequest> _ended = [];

    public PollWatcher(IPage page)
    {
        page.Request += (_, request) => Record(request, ended: false);
        page.RequestFinished += (_, request) => Record(request, ended: true);
        page.RequestFailed += (_, request) => Record(request, ended: true);
    }

    /// <summary>Waits until a poll has been sent and is still waiting.</summary>
    public Task<IRequest> WaitForOpenPollAsync() =>
        WaitAsync(() => Open().FirstOrDefault(), $"an open poll ({Describe()})");

    private string Describe()
    {
        lock (_sent)
        {
            return string.Join("; ", _sent.Select(r => r.Url + (_ended.Contains(r) ? " (ended)" : string.Empty)));
        }
    }

    /// <summary>Waits until <paramref name="poll"/> has ended.</summary>
    public Task WaitUntilEndedAsync(IRequest poll) =>
        WaitAsync(() => Ended(poll) ? poll : null, "the poll to end");

    /// <summary>Waits until a poll sent after <paramref name="previous"/> is waiting.</summary>
    public Task<IRequest> WaitForPollAfterAsync(IRequest previous) =>
        WaitAsync(() => Open().FirstOrDefault(r => Index(r) > Index(previous)), "a poll after the previous one");

    private static bool IsPoll(IRequest request) => request.Url.Contains("/_rf/poll?", StringComparison.Ordinal);

    private void Record(IRequest request, bool ended)
    {
        if (!IsPoll(request))
        {
            return;
        }
        lock (_sent)
        {
            if (ended)
            {
                _ended.Add(request);
            }
            else
            {
                _sent.Add(request);
            }
        }
    }

    private List<IRequest> Open()
    {
        lock (_sent)
        {
            return _sent.Where(r => !_ended.Contains(r)).ToList();
        }
    }

    private bool Ended(IRequest request)
    {
        lock (_sent)
        {
            return _ended.Contains(request);
        }
    }

    private int Index(IRequest request)
    {
        lock (_sent)
        {
            return _sent.IndexOf(request);
        }
    }

    private static async Task<T> WaitAsync<T>(Func<T?> find, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (find() is { } found)
            {
                return found;
            }
            // Polling a condition (the browser reports requests asynchronously), with an overall deadline.
            await Task.Delay(20);
        }
        throw new TimeoutException($"Timed out waiting for {what}.");
    }
}
