using System.Text.Json.Nodes;
using RazorFaces.Protocol;

namespace RazorFaces.Testing.Client;

public sealed partial class ViewClient
{
    /// <summary>A click (left button) on <paramref name="selector"/>.</summary>
    public Task<ServerAnswer> ClickAsync(string selector) =>
        SendEventAsync(selector, "click", new JsonObject { ["button"] = 0, ["detail"] = 1, ["type"] = "click" });

    /// <summary>Types <paramref name="value"/> into an input, then sends <c>input</c>.</summary>
    public Task<ServerAnswer> InputAsync(string selector, string value) => ValueEventAsync(selector, "input", value);

    /// <summary>Sets an input's value, then sends <c>change</c>.</summary>
    public Task<ServerAnswer> ChangeAsync(string selector, string value) => ValueEventAsync(selector, "change", value);

    /// <summary>Submits a form.</summary>
    public Task<ServerAnswer> SubmitAsync(string selector) => SendEventAsync(selector, "submit", new JsonObject { ["type"] = "submit" });

    /// <summary>
    /// Raises event <paramref name="name"/> on <paramref name="selector"/> as the browser client does: the element must
    /// advertise a handler for it; the event takes the next id now and the view number when its turn to be sent comes.
    /// </summary>
    public Task<ServerAnswer> SendEventAsync(string selector, string name, JsonObject? args = null)
    {
        var target = TargetOf(selector, name);
        var id = NextEventId++;
        return EnqueueAsync(() => EventMessage(target, name, args, id), SendKind.Event);
    }

    /// <summary>Follows an in-app link to <paramref name="url"/> (relative to <see cref="Url"/>), or goes back or forward to it: a <c>nav</c> message.</summary>
    public Task<ServerAnswer> NavigateAsync(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var absolute = new Uri(new Uri(Url), url).AbsoluteUri;
        var id = NextEventId++;
        return EnqueueAsync(() => new JsonObject
        {
            ["t"] = MessageTypes.Navigate,
            ["view"] = _sequencer.ViewId,
            ["n"] = _sequencer.Number,
            ["id"] = id,
            ["url"] = absolute,
        }, SendKind.Navigate);
    }

    /// <summary>The element's target reference; it must have a handler for <paramref name="name"/>, or the browser would not send it.</summary>
    /// <exception cref="InvalidOperationException">No element matches, or it has no server handler for the event.</exception>
    public string TargetOf(string selector, string name)
    {
        lock (_sync)
        {
            var element = Find(selector);
            var target = element.GetAttribute(ProtocolConstants.TargetAttribute)
                ?? throw new InvalidOperationException($"'{selector}' has no {ProtocolConstants.TargetAttribute}: {element.OuterHtml}");
            var events = (element.GetAttribute(ProtocolConstants.EventsAttribute) ?? string.Empty).Split(' ');
            return events.Contains(name)
                ? target
                : throw new InvalidOperationException($"'{selector}' has no server handler for '{name}': {element.OuterHtml}");
        }
    }

    /// <summary>An <c>event</c> message as the client would send it now; the next event id and the current <c>n</c> unless given.</summary>
    public JsonObject EventMessage(string target, string name, JsonObject? args = null, long? id = null, int? n = null)
    {
        lock (_sync)
        {
            return new JsonObject
            {
                ["t"] = MessageTypes.Event,
                ["view"] = _sequencer.ViewId,
                ["n"] = n ?? _sequencer.Number,
                ["id"] = id ?? NextEventId++,
                ["target"] = target,
                ["name"] = name,
                ["args"] = args?.DeepClone() ?? new JsonObject(),
                ["url"] = _sequencer.Url,
            };
        }
    }

    // The browser shows what the user typed before the event leaves; the attribute stands for the live property.
    private Task<ServerAnswer> ValueEventAsync(string selector, string name, string value)
    {
        var target = TargetOf(selector, name);
        lock (_sync)
        {
            Find(selector).SetAttribute("value", value);
        }
        var id = NextEventId++;
        return EnqueueAsync(() => EventMessage(target, name, new JsonObject { ["value"] = value }, id), SendKind.Event);
    }
}
