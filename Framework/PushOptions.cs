namespace RazorFaces;

/// <summary>Server push (<see cref="RazorFacesOptions.Push"/>).</summary>
public sealed class PushOptions
{
    /// <summary>
    /// How many views this node re-renders for pushes at the same time (all groups together). Pushes beyond it
    /// wait their turn in arrival order, holding no session lock, so a push to thousands of views neither floods
    /// the store with thousands of simultaneous requests nor keeps a user's click waiting behind all of them;
    /// a few dozen at once are enough to batch the store's round trips. Default 32.
    /// </summary>
    public int Concurrency { get; set; } = 32;
}
