namespace RazorFaces.Views;

/// <summary>
/// The browser's session cookie, as far as a request can still change it: a page or long-poll request can, a
/// message over an open WebSocket cannot (its headers went out long ago). The transport provides it.
/// </summary>
internal interface ISessionCookie
{
    void Set(string sessionId);

    void Delete();
}
