namespace RazorFaces.Bench;

/// <summary>One row of the report's targets table: what was aimed at, what was measured, whether it was met.</summary>
internal sealed record TargetRow(string Target, string Measured, bool Met);
