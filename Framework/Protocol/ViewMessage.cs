using RazorFaces.Dom;

namespace RazorFaces.Protocol;

/// <summary>A server → client message about one view (see docs/protocol.md).</summary>
internal abstract record ViewMessage;

/// <summary>Patches that turn view number <c>Number - 1</c> into <c>Number</c>.</summary>
internal sealed record UpdateMessage(int Number, IReadOnlyList<Patch> Patches, string? Url) : ViewMessage
{
    /// <summary>The first message after the view was rebuilt from its saved record.</summary>
    public bool Rebuilt { get; init; }

    /// <summary>The view's new head content (title, <c>&lt;HeadContent&gt;</c>) as HTML, when it changed; else null.</summary>
    public string? Head { get; init; }

    /// <summary>The <c>Url</c> replaces the browser's current history entry instead of adding one.</summary>
    public bool Replace { get; init; }
}

/// <summary>The whole view at <c>Number</c>.</summary>
internal sealed record RefreshMessage(int Number, DomElement Root, string? Url) : ViewMessage
{
    /// <summary>The first message after the view was rebuilt from its saved record.</summary>
    public bool Rebuilt { get; init; }

    /// <summary>The view's head content as HTML (null: none known).</summary>
    public string? Head { get; init; }

    /// <summary>Why the client gets the whole view (<see cref="RefreshReasons"/>); for metrics, not sent.</summary>
    public string Reason { get; init; } = RefreshReasons.Resync;
}

/// <summary>The browser must load <c>Url</c>.</summary>
internal sealed record LocationMessage(string Url) : ViewMessage;

/// <summary>
/// A JavaScript call for the browser to make once it shows view number <c>Number</c> (the DOM the call may need).
/// <c>ArgsJson</c> is the JSON array of arguments as Microsoft.JSInterop serialized them.
/// </summary>
internal sealed record JSCallMessage(int Number, long Id, string Identifier, string ArgsJson, string Call, string Result, long Target) : ViewMessage
{
    /// <summary>The byte arrays the arguments name (<c>{"__byte[]":id}</c>), by id.</summary>
    public IReadOnlyDictionary<int, byte[]>? Bytes { get; init; }

    /// <summary>Where the page fetches the .NET streams the arguments name (<c>{"__dotNetStream":id}</c>), by id.</summary>
    public IReadOnlyDictionary<long, DotNetStreamTicket>? Streams { get; init; }
}

/// <summary>The end of a browser → .NET call (<c>dotnet</c>): its JSON result, or an error text.</summary>
internal sealed record DotNetResultMessage(int Number, string CallId, bool Success, string? ResultJson, string? Error) : ViewMessage
{
    /// <summary>The byte arrays the result names (<c>{"__byte[]":id}</c>), by id.</summary>
    public IReadOnlyDictionary<int, byte[]>? Bytes { get; init; }

    /// <summary>Where the page fetches the .NET streams the result names (<c>{"__dotNetStream":id}</c>), by id.</summary>
    public IReadOnlyDictionary<long, DotNetStreamTicket>? Streams { get; init; }
}

/// <summary>
/// What the page needs to fetch a .NET stream (<c>GET /_rf/stream?stream=…</c> with <c>Secret</c> in <c>X-RF-Token</c>;
/// docs/protocol.md, "Streams to the browser").
/// </summary>
internal sealed record DotNetStreamTicket(string Stream, string Secret);
