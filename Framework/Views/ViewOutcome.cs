namespace RazorFaces.Views;

/// <summary>What a unit of work produced, and whether the application ended the session in it (a logout).</summary>
internal readonly record struct ViewOutcome<T>(T Value, bool SessionEnded);
