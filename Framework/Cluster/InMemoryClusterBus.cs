using System.Collections.Concurrent;

namespace RazorFaces.Cluster;

/// <summary>One node: published messages go straight to this node's subscribers.</summary>
internal sealed class InMemoryClusterBus : IClusterBus
{
    private readonly ConcurrentDictionary<string, ImmutableHandlers> _handlers = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task PublishAsync(string channel, string message)
    {
        if (_handlers.TryGetValue(channel, out var handlers))
        {
            foreach (var handler in handlers.Items)
            {
                await handler(message);
            }
        }
    }

    /// <inheritdoc />
    public Task SubscribeAsync(string channel, Func<string, Task> handler)
    {
        _handlers.AddOrUpdate(channel, _ => new ImmutableHandlers([handler]), (_, existing) => new ImmutableHandlers([.. existing.Items, handler]));
        return Task.CompletedTask;
    }

    private sealed record ImmutableHandlers(Func<string, Task>[] Items);
}
