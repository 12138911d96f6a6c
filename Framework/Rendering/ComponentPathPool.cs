using System.Collections.Concurrent;

namespace RazorFaces.Rendering;

/// <summary>
/// One shared string per distinct component path. Paths are render-deterministic, so every view of a page has the
/// same ones (<c>root/0#0/3#0/…</c> in each of 10,000 /counter views); without sharing, each live view holds its own
/// copy of each, and each view record (kept for passivated views too) its own copy of the paths with saved state.
/// </summary>
/// <remarks>
/// Bounded: keyed paths (<c>…/1k:42</c>) carry the application's key values, so the distinct paths are not a fixed
/// set. Past the capacity a path is simply not shared, which costs memory, never correctness.
/// </remarks>
internal sealed class ComponentPathPool(int capacity)
{
    private readonly ConcurrentDictionary<string, string> _paths = new(StringComparer.Ordinal);
    private int _count;

    /// <summary>The pool every renderer of the process uses.</summary>
    public static ComponentPathPool Shared { get; } = new(16_384);

    /// <summary>Distinct paths held.</summary>
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
