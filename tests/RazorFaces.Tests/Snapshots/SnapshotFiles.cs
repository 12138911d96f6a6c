using System.Text;

namespace RazorFaces.Tests.Snapshots;

/// <summary>
/// Pinned stored-format files in tests/RazorFaces.Tests/Snapshots, compared byte for byte: a format change fails a
/// test before it breaks a rolling upgrade. With <c>RF_UPDATE_SNAPSHOTS=1</c> the tests (re)write them instead.
/// </summary>
internal static class SnapshotFiles
{
    public static bool Updating => Environment.GetEnvironmentVariable("RF_UPDATE_SNAPSHOTS") == "1";

    public static string Folder { get; } = Locate();

    /// <summary>Compares <paramref name="actual"/> with the file's bytes, or writes them when updating.</summary>
    public static void Match(string fileName, ReadOnlySpan<byte> actual)
    {
        var path = Path.Combine(Folder, fileName);
        if (Updating)
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllBytes(path, actual.ToArray());
            return;
        }
        Assert.True(File.Exists(path), $"Missing snapshot {path}; run the tests with RF_UPDATE_SNAPSHOTS=1 to write it.");
        var expected = File.ReadAllBytes(path);
        if (!actual.SequenceEqual(expected))
        {
            Assert.Fail(
                $"The stored format changed ({fileName}). If that is intended, make sure older data still reads " +
                $"(rolling upgrade), then rerun with RF_UPDATE_SNAPSHOTS=1.\n" +
                $"expected: {Encoding.UTF8.GetString(expected)}\nactual:   {Encoding.UTF8.GetString(actual)}");
        }
    }

    private static string Locate()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Framework.sln")))
            {
                return Path.Combine(directory.FullName, "tests", "RazorFaces.Tests", "Snapshots");
            }
        }
        throw new InvalidOperationException($"No Framework.sln above {AppContext.BaseDirectory}.");
    }
}
