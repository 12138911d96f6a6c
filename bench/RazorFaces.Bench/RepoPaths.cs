namespace RazorFaces.Bench;

/// <summary>Where the repository the benchmark runs in is, and what it needs from it.</summary>
internal static class RepoPaths
{
    /// <summary>The directory holding Framework.sln, found from the current directory upwards; null outside a checkout.</summary>
    public static string? Root()
    {
        // `dotnet run --project bench/...` from the root, or from below it.
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Framework.sln")))
            {
                return dir.FullName;
            }
        }
        return null;
    }

    /// <summary>Demo.App's Release build, which the failover benchmark runs as separate processes.</summary>
    public static string DemoAssembly =>
        Path.Combine(Root() ?? throw new InvalidOperationException("Run the benchmark inside the repository (it starts Demo.App from it)."),
            "Demo.App", "bin", "Release", "net10.0", "Demo.App.dll");
}
