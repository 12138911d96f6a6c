namespace BlazorServerPeer.Components;

/// <summary>The name this node was started with (<c>--node</c>), shown in the footer as Demo.App shows its own.</summary>
public sealed record NodeName(string Value);
