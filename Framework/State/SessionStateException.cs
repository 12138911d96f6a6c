namespace RazorFaces.State;

/// <summary>Session state that cannot be stored or restored; the message names the type and the member.</summary>
internal sealed class SessionStateException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SessionStateException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
