namespace RazorFaces.Testing;

/// <summary>Thrown by <c>MarkupMatches</c> when the rendered markup is not the expected one.</summary>
public sealed class MarkupMismatchException : Exception
{
    /// <summary>Creates the exception; both markups are in their normalized form.</summary>
    public MarkupMismatchException(string expected, string actual, string difference)
        : base($"The markup does not match: {difference}\nexpected: {expected}\nactual:   {actual}")
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The expected markup, normalized.</summary>
    public string Expected { get; }

    /// <summary>The rendered markup, normalized.</summary>
    public string Actual { get; }
}
