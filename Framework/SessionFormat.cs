namespace RazorFaces;

/// <summary>How the session object is encoded in the store (<see cref="SessionOptions.Format"/>).</summary>
/// <remarks>
/// Either format reads both: every stored field says by its first byte which one it is, so changing the option (or
/// upgrading from a build that wrote JSON) keeps the sessions already stored; each field is rewritten in the
/// configured format the next time it changes.
/// </remarks>
public enum SessionFormat
{
    /// <summary>MessagePack: string-keyed maps with the same member names as JSON, smaller and faster to read.</summary>
    MessagePack,

    /// <summary>Compact UTF-8 JSON, as builds before MessagePack wrote it; readable with any Redis client.</summary>
    Json,
}
