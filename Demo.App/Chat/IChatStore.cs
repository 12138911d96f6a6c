namespace Demo.App.Chat;

/// <summary>
/// The chat history: the application's own data, not session state. In memory on one node; a Redis list in
/// cluster mode, so every node shows the same history.
/// </summary>
public interface IChatStore
{
    Task<ChatMessage> AddAsync(string author, string text);

    Task<IReadOnlyList<ChatMessage>> RecentAsync(int count);
}
