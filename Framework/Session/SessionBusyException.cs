namespace RazorFaces.Session;

/// <summary>Another node (or request) is working on the session, or wrote it first: nothing was changed, try again.</summary>
internal sealed class SessionBusyException(string message) : Exception(message);
