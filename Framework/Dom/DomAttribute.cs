namespace RazorFaces.Dom;

/// <summary>An attribute of a <see cref="DomElement"/>. Names are lower case and interned.</summary>
internal readonly record struct DomAttribute(string Name, string Value);
