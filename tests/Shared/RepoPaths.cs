namespace RazorFaces.TestSupport;

/// <summary>Where the repository and the built demo are, found from the test assembly's location.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Release or Debug, whichever this test assembly was built as.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string DemoAssembly { get; } = Path.Combine(Root, "Demo.App", "bin", Configuration, "net10.0", "Demo.App.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Framework.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Framework.sln not found above " + AppContext.BaseDirectory);
    }
}
