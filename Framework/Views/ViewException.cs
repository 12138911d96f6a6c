namespace RazorFaces.Views;

/// <summary>A request about a view that cannot be served; <see cref="Code"/> is a protocol error code.</summary>
internal sealed class ViewException(string code, string reason, Exception? inner = null) : Exception(reason, inner)
{
    public string Code { get; } = code;
}
