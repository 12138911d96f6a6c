namespace RazorFaces.State;

/// <summary>The metadata field of a stored session object.</summary>
internal sealed class SessionMeta
{
    /// <summary>The stored format; a node refuses (and starts afresh) a format it does not know.</summary>
    public int Format { get; set; } = SessionState.CurrentFormat;

    public string Id { get; set; } = string.Empty;

    public string CsrfToken { get; set; } = string.Empty;

    public DateTimeOffset Created { get; set; }

    public DateTimeOffset LastAccess { get; set; }

    public TimeSpan MaxInactive { get; set; }

    /// <summary>The signed-in user the session belongs to (<c>SessionUser.KeyOf</c>); null while nobody signed in.</summary>
    public string? User { get; set; }
}
