using System.Text.Json.Nodes;
using RazorFaces.Protocol;

namespace RazorFaces.Testing.Client;

public sealed partial class ViewClient
{
    private readonly List<ServerMessage> _js = [];
    private readonly HashSet<ServerMessage> _jsTaken = [];
    private TaskCompletionSource _jsArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Every <c>js</c> message received, in order: calls for the browser to make, and ends of <c>dotnet</c> calls.</summary>
    public IReadOnlyList<ServerMessage> JSMessages => Locked(() => (IReadOnlyList<ServerMessage>)[.. _js]);

    /// <summary>
    /// The next <c>js</c> call for <paramref name="function"/> (a browser's identifier such as
    /// <c>Blazor._internal.domWrapper.focus</c>) not taken yet: received already, or awaited (over long-poll by polling,
    /// over the hub as pushes arrive).
    /// </summary>
    /// <exception cref="TimeoutException">None came within <paramref name="timeout"/> (default 30 s).</exception>
    public Task<ServerMessage> JSCallAsync(string function, TimeSpan? timeout = null) =>
        TakeJSAsync(m => m.Function == function, timeout);

    /// <summary>The end of the <c>dotnet</c> call <paramref name="callId"/>, received already or awaited.</summary>
    /// <exception cref="TimeoutException">It did not come within <paramref name="timeout"/> (default 30 s).</exception>
    public Task<ServerMessage> DotNetResultAsync(long callId, TimeSpan? timeout = null) =>
        TakeJSAsync(m => m.Done == callId.ToString(System.Globalization.CultureInfo.InvariantCulture), timeout);

    /// <summary>Answers a <c>js</c> call as the browser does when it finished (<c>jsdone</c>): its result as JSON, or an error's text.</summary>
    public Task<ServerAnswer> AnswerJSAsync(ServerMessage call, string resultJson = "null", bool ok = true)
    {
        ArgumentNullException.ThrowIfNull(call);
        var id = NextEventId++;
        return EnqueueAsync(() => new JsonObject
        {
            ["t"] = MessageTypes.JSDone,
            ["view"] = _sequencer.ViewId,
            ["n"] = _sequencer.Number,
            ["id"] = id,
            ["call"] = call.CallId,
            ["ok"] = ok,
            ["result"] = ok ? resultJson : JsonValue.Create(resultJson)!.ToJsonString(),
        }, SendKind.Other);
    }

    /// <summary>
    /// Calls a .NET method as browser JavaScript does (<c>dotnet</c>): a static <c>[JSInvokable]</c> method of
    /// <paramref name="assembly"/>, or one of the <c>DotNetObjectReference</c> <paramref name="objectId"/>. With a
    /// <paramref name="callId"/> the result comes back as a <c>js</c> message (<see cref="DotNetResultAsync"/>).
    /// </summary>
    public Task<ServerAnswer> InvokeDotNetAsync(string? assembly, string method, string argsJson = "[]", long objectId = 0, long? callId = null)
    {
        var id = NextEventId++;
        return EnqueueAsync(() =>
        {
            var message = new JsonObject
            {
                ["t"] = MessageTypes.DotNet,
                ["view"] = _sequencer.ViewId,
                ["n"] = _sequencer.Number,
                ["id"] = id,
                ["method"] = method,
                ["args"] = argsJson,
            };
            if (assembly is not null)
            {
                message["assembly"] = assembly;
            }
            if (objectId != 0)
            {
                message["object"] = objectId;
            }
            if (callId is not null)
            {
                message["call"] = callId;
            }
            return message;
        }, SendKind.Other);
    }

    // Under _sync.
    private void KeepJS(IReadOnlyList<ServerMessage> messages)
    {
        var any = false;
        foreach (var message in messages)
        {
            if (message.Type == MessageTypes.JS)
            {
                _js.Add(message.Detach());
                any = true;
            }
        }
        if (any)
        {
            (_jsArrived, var arrived) = (new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), _jsArrived);
            arrived.TrySetResult();
        }
    }

    private async Task<ServerMessage> TakeJSAsync(Func<ServerMessage, bool> match, TimeSpan? timeout)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            Task arrived;
            lock (_sync)
            {
                ThrowIfFaulted();
                if (_js.FirstOrDefault(m => !_jsTaken.Contains(m) && match(m)) is { } found)
                {
                    _jsTaken.Add(found);
                    return found;
                }
                arrived = _jsArrived.Task;
            }
            try
            {
                if (Transport is LongPollTransport)
                {
                    await PollAsync(cancellationToken: cancel.Token);
                }
                else
                {
                    await arrived.WaitAsync(cancel.Token);
                }
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                throw new TimeoutException($"No matching js message arrived in time; received: {string.Join(", ", JSMessages)}");
            }
        }
    }
}
