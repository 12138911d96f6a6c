using System.Text;
using System.Text.Json;
using RazorFaces.State;

namespace RazorFaces.Tests.Snapshots;

/// <summary>
/// Pinned stored-format files in tests/RazorFaces.Tests/Snapshots, compared byte for byte: a format change fails a
/// test before it breaks a rolling upgrade. With <c>RF_UPDATE_SNAPSHOTS=1</c> the tests (re)write them instead.
/// </summary>
/// <remarks>
/// A file holds the exact bytes followed by one line feed, so an editor that adds the final newline (as
/// .editorconfig asks) does not break the comparison. A binary (MessagePack) snapshot is kept exactly, with its
/// readable dump beside it in <c>name.json</c>, checked too so it never goes stale.
/// </remarks>
internal static class SnapshotFiles
{
    public static bool Updating => Environment.GetEnvironmentVariable("RF_UPDATE_SNAPSHOTS") == "1";

    public static string Folder { get; } = Locate();

    /// <summary>Compares <paramref name="actual"/> with the file's bytes, or writes them when updating.</summary>
    public static void Match(string fileName, ReadOnlySpan<byte> actualBytes)
    {
        var actual = Terminated(actualBytes);
        var path = Path.Combine(Folder, fileName);
        if (Updating)
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllBytes(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"Missing snapshot {path}; run the tests with RF_UPDATE_SNAPSHOTS=1 to write it.");
        var expected = File.ReadAllBytes(path);
        if (!actual.AsSpan().SequenceEqual(expected))
        {
            Assert.Fail(
                $"The stored format changed ({fileName}). If that is intended, make sure older data still reads " +
                $"(rolling upgrade), then rerun with RF_UPDATE_SNAPSHOTS=1.\n" +
                $"expected: {Encoding.UTF8.GetString(expected)}\nactual:   {Encoding.UTF8.GetString(actual)}");
        }
    }

    /// <summary>
    /// Compares MessagePack <paramref name="actual"/> with the binary file's bytes and its dump (<c>fileName.json</c>),
    /// or writes both when updating.
    /// </summary>
    public static void MatchBinary(string fileName, ReadOnlySpan<byte> actual)
    {
        var path = Path.Combine(Folder, fileName);
        var dump = Dump(actual);
        if (Updating)
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllBytes(path, actual.ToArray());
            File.WriteAllText(path + ".json", dump);
            return;
        }
        Assert.True(File.Exists(path), $"Missing snapshot {path}; run the tests with RF_UPDATE_SNAPSHOTS=1 to write it.");
        var expected = File.ReadAllBytes(path);
        if (!actual.SequenceEqual(expected))
        {
            Assert.Fail(
                $"The stored format changed ({fileName}). If that is intended, make sure older data still reads " +
                $"(rolling upgrade), then rerun with RF_UPDATE_SNAPSHOTS=1.\n" +
                $"expected: {Dump(expected)}\nactual:   {dump}");
        }
        Assert.Equal(dump, File.ReadAllText(path + ".json"));
    }

    /// <summary>The exact bytes of a binary snapshot.</summary>
    public static byte[] ReadBinary(string fileName) => File.ReadAllBytes(Path.Combine(Folder, fileName));

    // Indented, one member per line: the dump is for reading in a diff.
    private static string Dump(ReadOnlySpan<byte> packed)
    {
        using var document = JsonDocument.Parse(StoredFormats.ToJson(packed, SessionFormat.MessagePack));
        return JsonSerializer.Serialize(document.RootElement, new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }) + "\n";
    }

    /// <summary>The bytes of a snapshot file without its final line feed: what the code under test wrote.</summary>
    public static byte[] Read(string fileName)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Folder, fileName));
        return bytes is [.., (byte)'\n'] ? bytes[..^1] : bytes;
    }

    private static byte[] Terminated(ReadOnlySpan<byte> bytes)
    {
        var result = new byte[bytes.Length + 1];
        bytes.CopyTo(result);
        result[^1] = (byte)'\n';
        return result;
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
