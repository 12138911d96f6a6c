using System.Text.Json;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Components.Web;
using RazorFaces.Protocol;
using RazorFaces.Views;

namespace RazorFaces.Testing;

public sealed partial class RenderedView
{
    private static readonly JsonSerializerOptions ArgsOptions = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Clicks the first element matching <paramref name="selector"/>.</summary>
    /// <param name="selector">A CSS selector.</param>
    /// <param name="args">The event's fields (serialized camelCase); by default a plain left click.</param>
    public Task ClickAsync(string selector, object? args = null) => ClickAsync(Find(selector), args);

    /// <summary>
    /// Clicks <paramref name="element"/>, which may be one found before earlier updates moved it. As in the browser,
    /// clicking a submit button then submits its form, unless the click's default action is prevented.
    /// </summary>
    /// <exception cref="InvalidOperationException">Neither the element nor its form has a server handler for this.</exception>
    public async Task ClickAsync(IElement element, object? args = null)
    {
        ArgumentNullException.ThrowIfNull(element);
        var form = SubmittedForm(element);
        var submits = form is not null && HasHandler(form, "submit") && !HasFlag(element, ProtocolConstants.PreventDefaultAttribute, "click");
        if (!submits || HasHandler(element, "click"))
        {
            await TriggerEventAsync(element, "click", args ?? new MouseEventArgs { Type = "click", Detail = 1 });
        }
        // The click's own update may have removed the form, as it would in the browser.
        if (submits && _root.Contains(form!))
        {
            await TriggerEventAsync(form!, "submit", new { type = "submit" });
        }
    }

    /// <summary>Types <paramref name="value"/> into a field: an <c>input</c> event, as <c>@bind:event="oninput"</c> listens to.</summary>
    public Task InputAsync(string selector, string value) => SetValueAsync(Find(selector), "input", value);

    /// <summary>Types <paramref name="value"/> into a field (or picks it in a select): a <c>change</c> event, as <c>@bind</c> listens to.</summary>
    /// <param name="selector">A CSS selector.</param>
    /// <param name="value">A string; a bool for a checkbox; an array of strings for a multiple select.</param>
    public Task ChangeAsync(string selector, object? value) => SetValueAsync(Find(selector), "change", value);

    /// <summary>Submits a form (a <c>submit</c> event on it).</summary>
    public Task SubmitAsync(string selector = "form") => TriggerEventAsync(Find(selector), "submit", new { type = "submit" });

    /// <summary>Presses a key in an element (a <c>keydown</c> event).</summary>
    /// <param name="selector">A CSS selector.</param>
    /// <param name="key">The key's value, e.g. <c>Enter</c> or <c>a</c>.</param>
    /// <param name="code">The physical key, e.g. <c>KeyA</c>; defaults to <paramref name="key"/>.</param>
    public Task KeyDownAsync(string selector, string key, string? code = null) =>
        TriggerEventAsync(Find(selector), "keydown", new KeyboardEventArgs { Type = "keydown", Key = key, Code = code ?? key });

    /// <summary>Raises any event on the first element matching <paramref name="selector"/>.</summary>
    public Task TriggerEventAsync(string selector, string eventName, object? args = null) =>
        TriggerEventAsync(Find(selector), eventName, args);

    /// <summary>
    /// Raises <paramref name="eventName"/> (without <c>on</c>) on <paramref name="element"/> as the browser client does:
    /// only when the element advertises a server handler for it, naming it by its target reference (<c>data-rf</c>).
    /// </summary>
    /// <param name="element">An element of this view's document.</param>
    /// <param name="eventName">The event name without <c>on</c>: <c>click</c>, <c>input</c>, <c>keydown</c>, …</param>
    /// <param name="args">The event's fields, serialized camelCase (an <c>EventArgs</c>, an anonymous object, or a <see cref="JsonElement"/>).</param>
    /// <exception cref="InvalidOperationException">The element is not in the document or has no handler for the event.</exception>
    /// <exception cref="ViewErrorException">The server answered an error.</exception>
    public Task TriggerEventAsync(IElement element, string eventName, object? args = null) =>
        DispatchEventAsync(TargetOf(element, eventName), eventName, args);

    /// <summary>
    /// Sends an event for a target reference directly, whatever the document shows now: what a browser does when
    /// the user acted before an update that removed the handler arrived.
    /// </summary>
    /// <exception cref="ViewErrorException">The server answered an error (e.g. <c>no-handler</c>, <c>bad-event-args</c>).</exception>
    public async Task DispatchEventAsync(string target, string eventName, object? args = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(eventName);
        var json = args switch
        {
            null => JsonSerializer.SerializeToElement(new { }, ArgsOptions),
            JsonElement element => element,
            _ => JsonSerializer.SerializeToElement(args, args.GetType(), ArgsOptions),
        };
        await SendAsync(() => View.HandleEventAsync(++_eventId, ViewNumber, target, eventName, json));
    }

    /// <summary>Follows the link (<c>href</c>) of the first element matching <paramref name="selector"/> inside the app.</summary>
    public Task ClickLinkAsync(string selector)
    {
        var href = Find(selector).GetAttribute("href")
            ?? throw new InvalidOperationException($"The element '{selector}' has no href.");
        return NavigateAsync(new Uri(new Uri(Url), href).AbsoluteUri);
    }

    /// <summary>The user followed an in-app link to <paramref name="url"/>, or went back or forward to it (a <c>nav</c> message).</summary>
    public async Task NavigateAsync(string url)
    {
        var absolute = new Uri(new Uri(Url), url).AbsoluteUri;
        await SendAsync(() => View.NavigateAsync(++_eventId, ViewNumber, absolute));
        // The client pushes the address itself when it sends the navigation.
        Url = absolute;
    }

    /// <summary>
    /// Applies the updates the server pushes (renders no event caused: timers, finished tasks) until
    /// <paramref name="condition"/> holds.
    /// </summary>
    /// <exception cref="TimeoutException">The condition did not hold within <paramref name="timeout"/> (default 10 s).</exception>
    public async Task WaitForAsync(Func<RenderedView, bool> condition, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var deadline = new CancellationTokenSource(timeout ?? DefaultWaitTimeout);
        while (!condition(this))
        {
            var messages = await View.WaitForMessagesAsync(ViewNumber, deadline.Token);
            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"The view did not reach the expected state in time. Its markup is:\n{Markup}");
            }
            Accept(messages);
        }
    }

    private async Task SetValueAsync(IElement element, string eventName, object? value)
    {
        var target = TargetOf(element, eventName);
        // The browser shows the new value before the event is sent; the server records it for @bind handlers
        // only, so the document does the same and the fidelity check compares like with like.
        if (await View.BoundAttributeAsync(target, eventName) is { } attribute)
        {
            switch (value)
            {
                case string text:
                    element.SetAttribute(attribute, text);
                    break;
                case true:
                    element.SetAttribute(attribute, string.Empty);
                    break;
                case false:
                    element.RemoveAttribute(attribute);
                    break;
            }
        }
        await DispatchEventAsync(target, eventName, new { value });
    }

    /// <summary>The form a click on <paramref name="element"/> submits (the default action of a submit button), or null.</summary>
    private static IElement? SubmittedForm(IElement element)
    {
        var isSubmit = element.LocalName switch
        {
            "button" => element.GetAttribute("type") is null or "submit" || !IsKnownButtonType(element.GetAttribute("type")!),
            "input" => element.GetAttribute("type") is "submit" or "image",
            _ => false,
        };
        return isSubmit ? element.Closest("form") : null;
    }

    private static bool IsKnownButtonType(string type) => type is "submit" or "reset" or "button";

    private static bool HasHandler(IElement element, string eventName) => HasFlag(element, ProtocolConstants.EventsAttribute, eventName);

    private static bool HasFlag(IElement element, string attribute, string eventName) =>
        element.GetAttribute(attribute)?.Split(' ').Contains(eventName) == true;

    private string TargetOf(IElement element, string eventName)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (!_root.Contains(element))
        {
            throw new InvalidOperationException($"The element <{element.LocalName}> is not in the view's document any more.");
        }
        var target = element.GetAttribute(ProtocolConstants.TargetAttribute);
        if (target is null || !HasHandler(element, eventName))
        {
            throw new InvalidOperationException(
                $"The element {element.OuterHtml} has no server handler for '{eventName}', so the browser would not send it.");
        }
        return target;
    }

    private async Task SendAsync(Func<Task<List<ViewMessage>>> send)
    {
        List<ViewMessage> messages;
        try
        {
            messages = await send();
        }
        catch (ProtocolException e)
        {
            throw new ViewErrorException(e.Code, e.Message, e);
        }
        Accept(messages);
    }
}
