namespace RazorFaces;

/// <summary>The session store cannot be reached; the request fails with 503 and nothing is half-written.</summary>
public sealed class SessionStoreUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SessionStoreUnavailableException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
