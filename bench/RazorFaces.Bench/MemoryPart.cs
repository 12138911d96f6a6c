namespace RazorFaces.Bench;

/// <summary>One part of a live /counter view, measured on its own: N instances held, heap growth divided by N.</summary>
internal sealed record MemoryPart(string Part, long BytesPerView, string HowMeasured);
