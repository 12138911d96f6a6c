namespace RazorFaces.Bench;

/// <summary>When, how long and on what one run measured.</summary>
internal sealed record RunInfo(DateTimeOffset Started, TimeSpan Elapsed, BenchSettings Settings, MachineInfo Machine, string LoadAtEnd);
