namespace Demo.App.Chat;

/// <summary>The single-node chat history, trimmed to the last <see cref="ChatLimits.Keep"/> messages.</summary>
public sealed class InMemoryChatStore(TimeProvider time) : IChatStore
{
    private readonly Queue<ChatMessage> _messages = new();
    private long _lastId;

    public Task<ChatMessage> AddAsync(string author, string text)
    {
        lock (_messages)
        {
            var message = new ChatMessage(++_lastId, author, text, time.GetUtcNow());
            _messages.Enqueue(message);
            while (_messages.Count > ChatLimits.Keep)
            {
                _messages.Dequeue();
            }
            return Task.FromResult(message);
        }
    }

    public Task<IReadOnlyList<ChatMessage>> RecentAsync(int count)
    {
        lock (_messages)
        {
            return Task.FromResult<IReadOnlyList<ChatMessage>>([.. _messages.TakeLast(count)]);
        }
    }
}
