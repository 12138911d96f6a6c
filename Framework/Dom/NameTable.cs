using System.Collections.Concurrent;

namespace RazorFaces.Dom;

/// <summary>
/// One shared instance per tag and attribute name, so that thousands of views' DOMs don't each hold copies of
/// "class" or "button". Cheaper than <see cref="string.Intern"/> (a process-wide lock per call) on the render path,
/// and bounded: names beyond <see cref="Capacity"/> (only dynamic attribute names could get there) are not shared.
/// </summary>
internal static class NameTable
{
    public const int Capacity = 4096;
    private static readonly ConcurrentDictionary<string, string> Names = new(StringComparer.Ordinal);

    public static string Share(string name) =>
        Names.TryGetValue(name, out var shared) ? shared
        : Names.Count < Capacity ? Names.GetOrAdd(name, name)
        : name;
}
