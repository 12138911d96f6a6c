namespace RazorFaces;

/// <summary>Why a session ended.</summary>
public enum SessionEndReason
{
    /// <summary>Nobody used it for its max inactive interval.</summary>
    Expired,

    /// <summary>The application ended it (<see cref="SessionControl.Invalidate"/>), e.g. on logout.</summary>
    Invalidated,
}
