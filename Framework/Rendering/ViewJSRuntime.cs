using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using Microsoft.JSInterop.Infrastructure;
using RazorFaces.Protocol;

namespace RazorFaces.Rendering;

/// <summary>
/// The view's <see cref="IJSRuntime"/> (never <see cref="IJSInProcessRuntime"/>, as on Blazor Server): calls become
/// <c>js</c> messages on the view's channel, and their results come back as <c>jsdone</c> messages through the unit of
/// work. Microsoft.JSInterop does the rest: argument and result JSON, <see cref="DotNetObjectReference"/> tracking,
/// object references, timeouts. A runtime is bound to one live view on one node: once that view is gone (passivated,
/// dropped, its node dead) every call on it, or on an object reference it made, throws <see cref="JSDisconnectedException"/>.
/// </summary>
internal sealed partial class ViewJSRuntime : JSRuntime
{
    // Calls waiting for the browser, each with its backstop timer. These maps are empty nearly always and one view's
    // calls rarely race, while every live view of a node holds them: the smallest tables (a default one is ~0.4 KB).
    private readonly ConcurrentDictionary<long, ITimer> _pending = new(concurrencyLevel: 1, capacity: 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _dotNetCalls = new(concurrencyLevel: 1, capacity: 1, StringComparer.Ordinal);
    private readonly ILogger<ViewJSRuntime> _logger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;
    private Action<ViewMessage>? _send;
    private readonly JSDataStreams _streams;
    private readonly ConcurrentDictionary<JSDataStream, bool> _openStreams = new(concurrencyLevel: 1, capacity: 1);
    private Func<string> _sessionId = () => string.Empty;
    private string _viewId = string.Empty;

    // Byte arrays Microsoft.JSInterop handed over while it serialized the call (or result) about to be sent: it does so
    // on the same thread, just before BeginInvokeJS (EndInvokeDotNet).
    [ThreadStatic]
    private static Dictionary<int, byte[]>? t_outgoing;

    public ViewJSRuntime(IOptions<ViewOptions> options, TimeProvider time, JSDataStreams streams, ILogger<ViewJSRuntime> logger)
    {
        _streams = streams;
        _logger = logger;
        _time = time;
        _timeout = options.Value.JSInteropDefaultCallTimeout;
        DefaultAsyncTimeout = _timeout;
    }

    /// <summary>Binds the runtime to its view: where calls go, and how element references are named.</summary>
    public void Connect(Action<ViewMessage> send, Func<string, string?> elementReferenceOf, Func<string> sessionId, string viewId)
    {
        JsonSerializerOptions.Converters.Add(new ElementReferenceJsonConverter(elementReferenceOf));
        _send = send;
        _sessionId = sessionId;
        _viewId = viewId;
    }

    /// <summary>The view is gone: calls still waiting fail now, and later calls throw <see cref="JSDisconnectedException"/>.</summary>
    public void Disconnect()
    {
        _send = null;
        foreach (var id in _pending.Keys)
        {
            Complete(id, ok: false, JsonSerializer.Serialize(DisconnectedReason));
        }
        // A stream half read is never presented as complete: its next read throws.
        foreach (var stream in _openStreams.Keys)
        {
            stream.Fail(new JSDisconnectedException(DisconnectedReason));
        }
        DropOfferedStreams();
    }

    /// <summary>
    /// Reads a stream the browser keeps for the server (<c>IJSStreamReference.OpenReadStreamAsync</c>, an
    /// <c>InputFile</c>'s <c>OpenReadStream</c>): asks the browser, on the view's channel, to send its bytes in chunks
    /// to <c>POST /_rf/stream</c> (docs/protocol.md, "Streams from the browser"), and hands back a stream that reads them
    /// as they arrive.
    /// </summary>
    protected override async Task<Stream> ReadJSDataAsStreamAsync(IJSStreamReference jsStreamReference, long totalLength, CancellationToken cancellationToken = default)
    {
        var stream = _streams.Open(_sessionId, _viewId, totalLength, ended: s => _openStreams.TryRemove(s, out _));
        if (totalLength > 0)
        {
            _openStreams[stream] = true;
        }
        try
        {
            if (_send is null)
            {
                throw new JSDisconnectedException(DisconnectedReason);
            }
            if (totalLength > 0)
            {
                await this.InvokeVoidAsync(JSNames.SendStream, cancellationToken, jsStreamReference, stream.Id, stream.Secret, stream.ChunkBytes);
            }
            return stream;
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    /// <summary>The browser's answer to call <paramref name="id"/> (JSON of the result, or of the error's text).</summary>
    /// <returns>False when no such call waits (it timed out, or was made by a view this one replaced).</returns>
    public bool Complete(long id, bool ok, string json, IReadOnlyList<byte[]>? bytes = null)
    {
        if (!_pending.TryRemove(id, out var timer))
        {
            return false;
        }
        timer.Dispose();
        Receive(bytes);
        DotNetDispatcher.EndInvokeJS(this, string.Concat("[", id.ToString(CultureInfo.InvariantCulture), ok ? ",true," : ",false,", json, "]"));
        return true;
    }

    /// <summary>
    /// Runs a browser → .NET call (call on the renderer's dispatcher). The task ends when the method did (its result
    /// is sent as a <c>js</c> message with <c>done</c>); at once when the browser wants no result.
    /// </summary>
    public Task InvokeDotNetAsync(string? callId, string? assembly, string method, long objectId, string argsJson, IReadOnlyList<byte[]>? bytes = null)
    {
        var done = Task.CompletedTask;
        if (callId is not null)
        {
            var call = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _dotNetCalls[callId] = call;
            done = call.Task;
        }
        Receive(bytes);
        DotNetDispatcher.BeginInvokeDotNet(this, new DotNetInvocationInfo(assembly, method, objectId, callId), argsJson);
        return done;
    }

    protected override void BeginInvokeJS(long taskId, string identifier, string? argsJson, JSCallResultType resultType, long targetInstanceId) =>
        BeginInvokeJS(new JSInvocationInfo
        {
            AsyncHandle = taskId,
            Identifier = identifier,
            ArgsJson = argsJson ?? "[]",
            ResultType = resultType,
            TargetInstanceId = targetInstanceId,
            CallType = JSCallType.FunctionCall,
        });

    protected override void BeginInvokeJS(in JSInvocationInfo invocationInfo)
    {
        var send = _send;
        var streams = TakeOutgoingStreams(sending: send is not null);
        if (send is null)
        {
            TakeOutgoing();
            throw new JSDisconnectedException(DisconnectedReason);
        }
        // Blazor times out only calls made without a cancellation token (DefaultAsyncTimeout, as TaskCanceledException);
        // a view never waits forever, so a call whose token never fires ends here, as a JSException. Twice the time, so
        // that a call without a token always ends the Blazor way first.
        var id = invocationInfo.AsyncHandle;
        _pending[id] = _time.CreateTimer(_ => Complete(id, ok: false, TimedOutJson), null, _timeout + _timeout, Timeout.InfiniteTimeSpan);
        send(new JSCallMessage(
            0, invocationInfo.AsyncHandle, invocationInfo.Identifier, invocationInfo.ArgsJson ?? "[]",
            CallName(invocationInfo.CallType), ResultName(invocationInfo.ResultType), invocationInfo.TargetInstanceId)
        {
            Bytes = TakeOutgoing(),
            Streams = streams,
        });
    }

    protected override void SendByteArray(int id, byte[] data) => (t_outgoing ??= [])[id] = data;

    private static Dictionary<int, byte[]>? TakeOutgoing()
    {
        var bytes = t_outgoing;
        t_outgoing = null;
        return bytes;
    }

    // The byte arrays a message from the browser carries, for the JSON about to be read ({"__byte[]":i} is the i-th).
    private void Receive(IReadOnlyList<byte[]>? bytes)
    {
        for (var i = 0; i < (bytes?.Count ?? 0); i++)
        {
            DotNetDispatcher.ReceiveByteArray(this, i, bytes![i]);
        }
    }

    protected override void EndInvokeDotNet(DotNetInvocationInfo invocationInfo, in DotNetInvocationResult invocationResult)
    {
        var callId = invocationInfo.CallId;
        if (callId is null)
        {
            return;
        }
        string? error = null;
        if (!invocationResult.Success)
        {
            // As Blazor Server without detailed errors: the browser learns that it failed, the log learns why.
            LogDotNetCallFailed(_logger, invocationInfo.MethodIdentifier, invocationResult.Exception);
            error = $"There was an exception invoking '{invocationInfo.MethodIdentifier}' on the server; its log has the details.";
        }
        var send = _send;
        var result = new DotNetResultMessage(0, callId, invocationResult.Success, invocationResult.ResultJson, error)
        {
            Bytes = TakeOutgoing(),
            Streams = TakeOutgoingStreams(sending: send is not null),
        };
        send?.Invoke(result);
        if (_dotNetCalls.TryRemove(callId, out var call))
        {
            call.TrySetResult();
        }
    }

    private static readonly string TimedOutJson = JsonSerializer.Serialize("The browser did not answer the JavaScript call in time.");

    private const string DisconnectedReason =
        "The view this JavaScript interop belongs to is gone (passivated, or taken over by another server); its object references died with it.";

    private static string CallName(JSCallType type) => type switch
    {
        JSCallType.ConstructorCall => JSNames.ConstructorCall,
        JSCallType.GetValue => JSNames.GetValue,
        JSCallType.SetValue => JSNames.SetValue,
        _ => JSNames.FunctionCall,
    };

    private static string ResultName(JSCallResultType type) => type switch
    {
        JSCallResultType.JSObjectReference => JSNames.ObjectResult,
        JSCallResultType.JSStreamReference => JSNames.StreamResult,
        JSCallResultType.JSVoidResult => JSNames.VoidResult,
        _ => JSNames.JsonResult,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "A JavaScript call of the .NET method {Method} failed.")]
    private static partial void LogDotNetCallFailed(ILogger logger, string method, Exception? exception);
}
