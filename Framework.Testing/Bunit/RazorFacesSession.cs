using RazorFaces.State;

namespace RazorFaces.Testing;

/// <summary>
/// The browser session the tabs of a bUnit test belong to (<see cref="RazorFacesBunitExtensions.AddRazorFaces"/>):
/// one session object, so every tab opened with <see cref="RazorFacesBunitExtensions.OpenTab"/> gets the same
/// session beans, and what <see cref="SessionControl"/> asked of it.
/// </summary>
public sealed class RazorFacesSession
{
    internal RazorFacesSession(SessionState state) => State = state;

    internal SessionState State { get; }

    /// <summary>The session's id.</summary>
    public string Id => State.Id;

    /// <summary>
    /// A component called <see cref="SessionControl.Invalidate"/>. The server would now end the session (its end hooks run,
    /// the page reloads into a new one); a component test checks that it was asked.
    /// </summary>
    public bool IsInvalidated => State.EndRequested;

    /// <summary>A component called <see cref="SessionControl.RotateId"/> (after a login): the server would give the session a new id.</summary>
    public bool IsIdRotationRequested => State.RotateRequested;
}
