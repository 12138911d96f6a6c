using RazorFaces.Protocol;
using RazorFaces.Testing.Client;

namespace RazorFaces.Testing;

public sealed partial class RenderedView
{
    private readonly List<ServerMessage> _js = [];
    private readonly HashSet<ServerMessage> _jsTaken = [];

    /// <summary>Every JavaScript interop message the view sent (calls, and ends of .NET calls), in order.</summary>
    public IReadOnlyList<ServerMessage> JSMessages => [.. _js];

    /// <summary>
    /// The next JavaScript call of <paramref name="function"/> (e.g. <c>Blazor._internal.domWrapper.focus</c>) not
    /// taken yet, waiting for the view to make it: the harness has no JavaScript, a test plays the browser's part.
    /// </summary>
    /// <exception cref="TimeoutException">The view made no such call within <paramref name="timeout"/> (default 10 s).</exception>
    public async Task<ServerMessage> JSCallAsync(string function, TimeSpan? timeout = null)
    {
        ServerMessage? found = null;
        await WaitForAsync(v => (found = v.TakeJS(m => m.Function == function)) is not null, timeout);
        return found!;
    }

    /// <summary>Answers a JavaScript call as the browser does (<c>jsdone</c>): its result as JSON, or an error's text.</summary>
    /// <exception cref="ViewErrorException">The server refused the answer.</exception>
    public Task AnswerJSAsync(ServerMessage call, string resultJson = "null", bool ok = true)
    {
        ArgumentNullException.ThrowIfNull(call);
        var json = ok ? resultJson : System.Text.Json.JsonSerializer.Serialize(resultJson);
        return SendAsync(() => View.CompleteJSAsync(++_eventId, ViewNumber, call.CallId, ok, json));
    }

    /// <summary>
    /// JavaScript calls .NET as the browser does (<c>dotnet</c>): a method of the <c>DotNetObjectReference</c>
    /// <paramref name="objectId"/> (as a JS call's arguments carry it, <c>{"__dotNetObject": id}</c>), with its
    /// arguments as a JSON array. Returns when the view has run it and rendered what it changed.
    /// </summary>
    /// <exception cref="ViewErrorException">The server refused the call.</exception>
    public Task InvokeDotNetAsync(long objectId, string method, string argsJson = "[]")
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        return SendAsync(() => View.InvokeDotNetAsync(++_eventId, ViewNumber, null, null, method, objectId, argsJson));
    }

    // Called with every message the view receives.
    private void KeepJS(IReadOnlyList<ServerMessage> messages) =>
        _js.AddRange(messages.Where(m => m.Type == MessageTypes.JS).Select(m => m.Detach()));

    private ServerMessage? TakeJS(Func<ServerMessage, bool> match)
    {
        var found = _js.FirstOrDefault(m => !_jsTaken.Contains(m) && match(m));
        if (found is not null)
        {
            _jsTaken.Add(found);
        }
        return found;
    }
}
