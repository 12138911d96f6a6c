namespace RazorFaces;

/// <summary>How the framework finds out which beans a request changed.</summary>
public enum ChangeDetection
{
    /// <summary>Every bean a request touched is serialized and written only if its bytes changed. No discipline needed.</summary>
    Automatic,

    /// <summary>Only beans marked with <see cref="SessionBeans.MarkChanged"/> are written (cheaper for large beans).</summary>
    Explicit,
}
