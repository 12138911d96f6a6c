namespace Demo.App.Grid;

/// <summary>One row of the /grid page.</summary>
public sealed record Shipment(int Id, string Customer, string City, int Quantity, decimal Price, DateOnly Shipped);
