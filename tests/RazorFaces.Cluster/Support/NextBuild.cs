using RazorFaces.TestSupport;

namespace RazorFaces.Cluster.Tests.Support;

/// <summary>
/// Where "the next build" of the demo is (tests/RazorFaces.UpgradeApp): Demo.App's sources with a cart bean that
/// gained and lost a member, a counter whose saved state changed type, and another client version.
/// </summary>
internal static class NextBuild
{
    public static string Assembly { get; } =
        Path.Combine(RepoPaths.Root, "tests", "RazorFaces.UpgradeApp", "bin", RepoPaths.Configuration, "net10.0", "RazorFaces.UpgradeApp.dll");
}
