namespace RazorFaces.Session;

/// <summary>A session object as the store holds it: named serialized fields and the version they were written at.</summary>
internal sealed record StoredSession(long Version, IReadOnlyDictionary<string, byte[]> Fields);
