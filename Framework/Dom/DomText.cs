namespace RazorFaces.Dom;

/// <summary>A text node. Adjacent texts are merged and empty texts dropped when a DOM is built, as a browser would.</summary>
internal sealed class DomText : DomNode
{
    /// <summary>Creates a text node.</summary>
    public DomText(string text) => Text = text;

    /// <summary>The unescaped text.</summary>
    public string Text { get; }

    /// <inheritdoc />
    public override string ToString() => $"\"{Text}\"";
}
