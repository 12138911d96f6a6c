namespace RazorFaces.Rendering;

/// <summary>
/// The current handler of one element for one event. <paramref name="UpdatesAttribute"/> is set for
/// <c>@bind</c> handlers (usually <c>value</c> or <c>checked</c>).
/// </summary>
internal sealed record EventTarget(string EventName, int ComponentId, ulong HandlerId, string? UpdatesAttribute);
