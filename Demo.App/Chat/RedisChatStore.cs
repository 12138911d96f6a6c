using System.Text.Json;
using RazorFaces.Session.Redis;

namespace Demo.App.Chat;

/// <summary>The cluster chat history: a Redis list (ids from INCR), trimmed to the last <see cref="ChatLimits.Keep"/> lines.</summary>
public sealed class RedisChatStore(RedisConnection redis, TimeProvider time) : IChatStore
{
    private string ListKey => redis.KeyPrefix + "demo:chat";

    private string IdKey => redis.KeyPrefix + "demo:chat:id";

    public Task<ChatMessage> AddAsync(string author, string text) =>
        redis.RunAsync(async db =>
        {
            var message = new ChatMessage(await db.StringIncrementAsync(IdKey), author, text, time.GetUtcNow());
            await db.ListRightPushAsync(ListKey, JsonSerializer.Serialize(message));
            await db.ListTrimAsync(ListKey, -ChatLimits.Keep, -1);
            return message;
        });

    public Task<IReadOnlyList<ChatMessage>> RecentAsync(int count) =>
        redis.RunAsync<IReadOnlyList<ChatMessage>>(async db =>
            [.. (await db.ListRangeAsync(ListKey, -count, -1)).Select(v => JsonSerializer.Deserialize<ChatMessage>((string)v!)!)]);
}
