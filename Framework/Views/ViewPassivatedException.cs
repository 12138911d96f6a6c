namespace RazorFaces.Views;

/// <summary>The live view was dropped from memory while a request held it; the request resolves the view again.</summary>
internal sealed class ViewPassivatedException(string viewId) : Exception($"View {viewId} was passivated.");
