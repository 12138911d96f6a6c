namespace RazorFaces.Views;

/// <summary>The root component views are rendered with; set by <c>MapRazorFaces&lt;TApp&gt;()</c>.</summary>
internal sealed class AppRoot
{
    private Type? _component;

    public Type Component
    {
        get => _component ?? throw new InvalidOperationException("Call app.MapRazorFaces<TApp>() before serving requests.");
        set => _component = value;
    }
}
