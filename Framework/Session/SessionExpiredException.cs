namespace RazorFaces.Session;

/// <summary>The session does not exist (any more): it expired, ended, or the request carries no session.</summary>
internal sealed class SessionExpiredException(string message) : Exception(message);
