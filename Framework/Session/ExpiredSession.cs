namespace RazorFaces.Session;

/// <summary>A session whose time ran out, as it was last stored.</summary>
public sealed record ExpiredSession(string SessionId, IReadOnlyDictionary<string, byte[]> Fields);
