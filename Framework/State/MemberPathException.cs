using MessagePack;

namespace RazorFaces.State;

/// <summary>
/// A MessagePack failure inside a stored object, collecting the member path (<c>$.lines.price</c>) as it unwinds
/// through <see cref="SessionObjectFormatter{T}"/>, so the message names the member as JSON's does.
/// </summary>
internal sealed class MemberPathException : MessagePackSerializationException
{
    private readonly List<string> _reversed = [];

    public MemberPathException(string message, Exception? inner, bool isDepthLimit)
        : base(message, inner)
    {
        IsDepthLimit = isDepthLimit;
    }

    /// <summary>Writing went deeper than <see cref="MessagePackSessionSerializer.MaxDepth"/>: a loop, almost always.</summary>
    public bool IsDepthLimit { get; }

    public string Path => "$" + string.Concat(Enumerable.Reverse(_reversed).Select(name => "." + name));

    public void Prepend(string member) => _reversed.Add(member);
}
