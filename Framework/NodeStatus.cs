namespace RazorFaces;

/// <summary>A node as the membership list sees it.</summary>
/// <param name="Name">The node's name (<c>--node</c>).</param>
/// <param name="LastSeen">Its last heartbeat.</param>
/// <param name="IsSelf">Whether it is the node answering.</param>
public sealed record NodeStatus(string Name, DateTimeOffset LastSeen, bool IsSelf);
