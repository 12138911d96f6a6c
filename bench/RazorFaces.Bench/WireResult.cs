namespace RazorFaces.Bench;

/// <summary>The bytes of one step, over both transports.</summary>
/// <param name="Patches">Patches in the answer (every update message of it).</param>
/// <param name="PatchBytes">The <c>patches</c> arrays' JSON bytes, summed over the answer's messages.</param>
/// <param name="LongPollBytes">The long-poll answer body (<c>POST /_rf/send</c>), without HTTP headers.</param>
/// <param name="HubBytes">The WebSocket message(s) the hub's <c>Send</c> completion came in (the JSON hub frame and its separator).</param>
/// <param name="EventBytes">The client's event message (the long-poll request body).</param>
internal sealed record WireStepResult(string Page, WireStep Step, int Patches, int PatchBytes, int LongPollBytes, int HubBytes, int EventBytes, string Answer);

/// <summary>A page's first GET and its steps.</summary>
internal sealed record WirePageResult(string Page, int PageBytes, IReadOnlyList<WireStepResult> Steps);
