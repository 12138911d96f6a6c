namespace RazorFaces.Testing;

/// <summary>No element of the rendered view matches a CSS selector.</summary>
public sealed class ElementNotFoundException : Exception
{
    /// <summary>Creates the exception; <paramref name="markup"/> is the view's markup at that moment.</summary>
    public ElementNotFoundException(string selector, string markup)
        : base($"No element matches '{selector}'. The view's markup is:\n{markup}")
    {
        Selector = selector;
    }

    /// <summary>The selector that matched nothing.</summary>
    public string Selector { get; }
}
