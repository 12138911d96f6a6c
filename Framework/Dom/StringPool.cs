using System.Collections.Concurrent;

namespace RazorFaces.Dom;

/// <summary>
/// One shared instance per distinct string of a kind that every view of a page renders alike: component paths
/// (<c>root/0#0/3#0/…</c> in each of 10,000 /counter views), tag and attribute names, event target references.
/// Without sharing, each live view holds its own copy of each, and each view record (kept for passivated views too)
/// its own copy of the paths with saved state. Cheaper than <see cref="string.Intern"/> (a process-wide lock).
/// </summary>
/// <remarks>
/// Bounded: keyed paths and targets (<c>…/1k:42</c>) carry the application's key values, and dynamic attribute
/// names come from the application, so the distinct strings are not a fixed set. Past its capacity a pool simply
/// stops sharing new strings, which costs memory, never correctness.
/// </remarks>
internal sealed class StringPool(int capacity)
{
    private readonly ConcurrentDictionary<string, string> _paths = new(StringComparer.Ordinal);
    private int _count;

    /// <summary>Component paths, for every renderer of the process.</summary>
    public static StringPool ComponentPaths { get; } = new(16_384);

    /// <summary>Tag and attribute names, and the event names a target lists.</summary>
    public static StringPool Names { get; } = new(4_096);

    /// <summary>Event target references (<c>data-rf</c> values: component path and element id).</summary>
    public static StringPool Targets { get; } = new(16_384);

    /// <summary>Distinct strings held.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The shared instance equal to <paramref name="path"/>, or <paramref name="path"/> itself when the pool is full.</summary>
    public string Share(string path)
    {
        if (_paths.TryGetValue(path, out var shared))
        {
            return shared;
        }
        // Reserve a slot first, so concurrent renderers cannot push the pool past its capacity.
        if (Interlocked.Increment(ref _count) > capacity)
        {
            Interlocked.Decrement(ref _count);
            return path;
        }
        shared = _paths.GetOrAdd(path, path);
        if (!ReferenceEquals(shared, path))
        {
            // Another renderer added the same path meanwhile: the slot reserved here is not used.
            Interlocked.Decrement(ref _count);
        }
        return shared;
    }
}
