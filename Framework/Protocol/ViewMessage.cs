using RazorFaces.Dom;

namespace RazorFaces.Protocol;

/// <summary>A server → client message about one view (see docs/protocol.md).</summary>
internal abstract record ViewMessage;

/// <summary>Patches that turn view number <c>Number - 1</c> into <c>Number</c>.</summary>
internal sealed record UpdateMessage(int Number, IReadOnlyList<Patch> Patches, string? Url) : ViewMessage
{
    /// <summary>The first message after the view was rebuilt from its saved record.</summary>
    public bool Rebuilt { get; init; }
}

/// <summary>The whole view at <c>Number</c>.</summary>
internal sealed record RefreshMessage(int Number, DomElement Root, string? Url) : ViewMessage
{
    /// <summary>The first message after the view was rebuilt from its saved record.</summary>
    public bool Rebuilt { get; init; }
}

/// <summary>The browser must load <c>Url</c>.</summary>
internal sealed record LocationMessage(string Url) : ViewMessage;
