using Microsoft.AspNetCore.Components;

namespace Demo.App;

/// <summary>
/// A custom event as Blazor's docs write one: <c>@oncustompaste</c>, raised by the browser's paste through the page's
/// <c>Blazor.registerCustomEventType("custompaste", …)</c>. The Razor compiler only looks for <c>[EventHandler]</c> on
/// a class named <c>EventHandlers</c> in an imported namespace.
/// </summary>
[EventHandler("oncustompaste", typeof(CustomPasteEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
public static class EventHandlers;

public sealed class CustomPasteEventArgs : EventArgs
{
    public DateTime EventTimestamp { get; set; }

    public string PastedData { get; set; } = "";
}
