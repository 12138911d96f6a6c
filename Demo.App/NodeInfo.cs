namespace Demo.App;

/// <summary>The name this node was started with (<c>--node NAME</c>), shown in every page's footer.</summary>
public sealed record NodeInfo(string Name);
