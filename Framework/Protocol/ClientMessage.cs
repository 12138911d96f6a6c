using System.Text.Json;

namespace RazorFaces.Protocol;

/// <summary>A parsed, shape-checked client message (see docs/protocol.md, "Client → server").</summary>
internal sealed record ClientMessage(string Type, string ViewId)
{
    public int Number { get; init; }

    public long EventId { get; init; }

    public string Target { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    /// <summary>For <c>nav</c>: where to go. For other messages: the page the browser shows (optional), so that a view
    /// this server does not know can be started afresh on the right page.</summary>
    public string? Url { get; init; }

    public JsonElement Args { get; init; }

    /// <summary>For <c>jsdone</c>: the <c>id</c> of the <c>js</c> call. For <c>dotnet</c>: the call's id, null when no result is wanted.</summary>
    public string? CallId { get; init; }

    /// <summary>For <c>jsdone</c>: whether the call succeeded.</summary>
    public bool Ok { get; init; }

    /// <summary>For <c>jsdone</c>: the result as JSON text (or the error's text). For <c>dotnet</c>: the arguments as a JSON array text.</summary>
    public string Json { get; init; } = string.Empty;

    /// <summary>For <c>jsdone</c> and <c>dotnet</c>: the byte arrays the JSON names (<c>{"__byte[]":i}</c> is the i-th).</summary>
    public IReadOnlyList<byte[]> Bytes { get; init; } = [];

    /// <summary>For <c>dotnet</c>: the assembly of a static method (null for a method of an object reference).</summary>
    public string? Assembly { get; init; }

    /// <summary>For <c>dotnet</c>: the <c>[JSInvokable]</c> method's identifier.</summary>
    public string Method { get; init; } = string.Empty;

    /// <summary>For <c>dotnet</c>: the id of the <c>DotNetObjectReference</c> (0 for a static method).</summary>
    public long ObjectId { get; init; }

    /// <summary>The CSRF token, for beacons that cannot send it in a header.</summary>
    public string? Token { get; init; }
}
