using System.Text.Json;
using StackExchange.Redis;

namespace Demo.App.Chat;

/// <summary>
/// The cluster chat history: a Redis list (ids from INCR), trimmed to the last <see cref="ChatLimits.Keep"/> lines.
/// It uses the connection RazorFaces opened for its session store (<c>AddRazorFacesRedis</c> registers it as
/// <see cref="IConnectionMultiplexer"/>).
/// </summary>
public sealed class RedisChatStore(IConnectionMultiplexer redis, TimeProvider time) : IChatStore
{
    private const string ListKey = "demo:chat";
    private const string IdKey = "demo:chat:id";

    public async Task<ChatMessage> AddAsync(string author, string text)
    {
        var db = redis.GetDatabase();
        var message = new ChatMessage(await db.StringIncrementAsync(IdKey), author, text, time.GetUtcNow());
        await db.ListRightPushAsync(ListKey, JsonSerializer.Serialize(message));
        await db.ListTrimAsync(ListKey, -ChatLimits.Keep, -1);
        return message;
    }

    public async Task<IReadOnlyList<ChatMessage>> RecentAsync(int count) =>
        [.. (await redis.GetDatabase().ListRangeAsync(ListKey, -count, -1)).Select(v => JsonSerializer.Deserialize<ChatMessage>((string)v!)!)];
}
