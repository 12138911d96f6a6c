namespace RazorFaces.Testing;

/// <summary>
/// The server refused or failed a message about the view, exactly as it would answer the browser with an error.
/// <see cref="Code"/> is the protocol error code (<c>no-handler</c>, <c>bad-event-args</c>, <c>view-failed</c>, …;
/// see <c>RazorFaces.Protocol.ErrorCodes</c>).
/// </summary>
public sealed class ViewErrorException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ViewErrorException(string code, string message, Exception? innerException)
        : base($"{code}: {message}", innerException)
    {
        Code = code;
    }

    /// <summary>The protocol error code the browser would have received.</summary>
    public string Code { get; }
}
