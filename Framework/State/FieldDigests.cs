namespace RazorFaces.State;

/// <summary>
/// The digest of each stored field of a session as last read or written (what change detection compares against).
/// A session has a handful of fields (meta, its beans, a record per view), so a small array searched in order is
/// both fast enough and a fraction of a dictionary's size: a node keeps one of these for every session it serves.
/// </summary>
internal sealed class FieldDigests
{
    private Entry[] _entries = [];
    private int _count;

    public int Count => _count;

    /// <summary>The field names, in the order they were first recorded.</summary>
    public IEnumerable<string> Keys => _entries.Take(_count).Select(e => e.Name);

    public UInt128 this[string name]
    {
        set
        {
            var index = IndexOf(name);
            if (index >= 0)
            {
                _entries[index].Digest = value;
                return;
            }
            if (_count == _entries.Length)
            {
                // Grows by two: most sessions end up with exactly meta + one view, and never grow again.
                Array.Resize(ref _entries, _count + 2);
            }
            _entries[_count++] = new Entry(name, value);
        }
    }

    public bool TryGetValue(string name, out UInt128 digest)
    {
        var index = IndexOf(name);
        digest = index >= 0 ? _entries[index].Digest : default;
        return index >= 0;
    }

    public bool ContainsKey(string name) => IndexOf(name) >= 0;

    public bool Remove(string name)
    {
        var index = IndexOf(name);
        if (index < 0)
        {
            return false;
        }
        _entries[index] = _entries[--_count];
        _entries[_count] = default;
        return true;
    }

    public void Clear()
    {
        _entries = [];
        _count = 0;
    }

    private int IndexOf(string name)
    {
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_entries[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }

    private struct Entry(string name, UInt128 digest)
    {
        public readonly string Name = name;
        public UInt128 Digest = digest;
    }
}
