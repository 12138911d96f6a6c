namespace RazorFaces.Protocol;

/// <summary>
/// A request that cannot be served, as the client is told: <see cref="Code"/> is one of <see cref="ErrorCodes"/>
/// (its HTTP status is <see cref="ErrorStatus.For"/>) and the message is the reason shown and logged. Every layer's
/// own failures reach the transports as this type (see <c>ViewSession.ToProtocolException</c>).
/// </summary>
internal sealed class ProtocolException(string code, string reason, Exception? inner = null) : Exception(reason, inner)
{
    public string Code { get; } = code;
}
