namespace RazorFaces.Testing;

/// <summary>
/// The harness's document, built from the first render and then changed only by the patches the server sent,
/// is not the DOM the server believes the browser has (or a patch did not apply at all). This is a framework
/// bug (or HTML a browser parses differently from how it was rendered, such as a <c>div</c> inside a <c>p</c>):
/// a real browser would show something else than the components rendered.
/// </summary>
public sealed class PatchFidelityException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PatchFidelityException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
