namespace RazorFaces.Session;

/// <summary>A session whose time ran out, as it was last stored.</summary>
internal sealed record ExpiredSession(string SessionId, IReadOnlyDictionary<string, byte[]> Fields);
