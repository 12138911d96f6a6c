namespace Demo.App.Chat;

/// <summary>The single-node chat history.</summary>
public sealed class InMemoryChatStore(TimeProvider time) : IChatStore
{
    private readonly List<ChatMessage> _messages = [];

    public Task<ChatMessage> AddAsync(string author, string text)
    {
        lock (_messages)
        {
            var message = new ChatMessage(_messages.Count + 1, author, text, time.GetUtcNow());
            _messages.Add(message);
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
