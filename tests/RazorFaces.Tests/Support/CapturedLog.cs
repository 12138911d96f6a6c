using Microsoft.Extensions.Logging;

namespace RazorFaces.Tests.Support;

/// <summary>One log entry the test server wrote.</summary>
public sealed record CapturedLog(LogLevel Level, string Category, string Message, Exception? Exception);
