using Microsoft.AspNetCore.Components;

namespace RazorFaces.Tests.TestComponents;

/// <summary>A custom event as Blazor's docs declare one: the args type and the event name the Razor compiler learns.</summary>
[EventHandler("oncustompaste", typeof(CustomPasteEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
public static class EventHandlers;

public sealed class CustomPasteEventArgs : EventArgs
{
    public DateTime EventTimestamp { get; set; }

    public string PastedData { get; set; } = "";
}
