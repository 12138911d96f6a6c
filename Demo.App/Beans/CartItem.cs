namespace Demo.App.Beans;

/// <summary>One line of the cart.</summary>
public sealed record CartItem(int Id, string Name);
