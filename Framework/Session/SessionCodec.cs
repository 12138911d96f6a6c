using RazorFaces.State;
using static RazorFaces.State.SessionFields;

namespace RazorFaces.Session;

/// <summary>
/// Turns a <see cref="SessionState"/> into store fields and back: <c>meta</c>, <c>bean:{type}</c> per bean,
/// <c>view:{id}</c> per view and <c>evicted</c>. Writes carry only fields whose bytes changed since they were last
/// read or written. Fields are read in the format they were stored in (<see cref="StoredFormats"/>) and written in
/// the serializer's: a session stored by a JSON build moves to MessagePack field by field, as its fields change.
/// </summary>
internal static class SessionCodec
{
    /// <exception cref="SessionStateException">The stored session cannot be read by this version.</exception>
    public static SessionState Decode(StoredSession stored, ISessionSerializer serializer, IReadOnlyDictionary<string, BeanDescriptor> beans)
    {
        if (!stored.Fields.TryGetValue(MetaField, out var metaBytes))
        {
            throw new SessionStateException("The stored session has no metadata field.");
        }
        var meta = (SessionMeta?)serializer.DeserializeField(metaBytes, typeof(SessionMeta))
            ?? throw new SessionStateException("The stored session's metadata is empty.");
        if (meta.Format != SessionState.CurrentFormat)
        {
            throw new SessionStateException($"The stored session has format {meta.Format}; this version reads format {SessionState.CurrentFormat}.");
        }
        var state = new SessionState(meta) { Version = stored.Version };
        foreach (var (name, bytes) in stored.Fields)
        {
            state.Written[name] = Digest(bytes);
            if (name == MetaField)
            {
                continue;
            }
            if (name.StartsWith(BeanPrefix, StringComparison.Ordinal)
                && beans.TryGetValue(name[BeanPrefix.Length..], out var descriptor))
            {
                state.Beans[descriptor.Key] = new BeanSlot(descriptor) { Stored = bytes };
            }
            else if (name.StartsWith(ViewPrefix, StringComparison.Ordinal))
            {
                state.Views[name[ViewPrefix.Length..]] = (ViewRecord?)serializer.DeserializeField(bytes, typeof(ViewRecord))
                    ?? throw new SessionStateException($"The stored view '{name}' is empty.");
            }
            else if (name == EvictedField)
            {
                state.SetEvicted((List<string>?)serializer.DeserializeField(bytes, typeof(List<string>)) ?? []);
            }
            else
            {
                // Fields of beans this version does not register are kept as they are (a rolling upgrade may need them).
                state.Unknown[name] = bytes;
            }
        }
        return state;
    }

    /// <summary>The fields that differ from what was last written, or null when nothing changed.</summary>
    public static SessionChanges? Encode(SessionState state, ISessionSerializer serializer, ChangeDetection mode)
    {
        var set = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        AddIfChanged(state, set, MetaField, serializer.Serialize(state.Meta, typeof(SessionMeta)));
        foreach (var (key, slot) in state.Beans)
        {
            if (slot.Instance is not null && (mode == ChangeDetection.Automatic || slot.Dirty || !state.Written.ContainsKey(BeanField(key))))
            {
                AddIfChanged(state, set, BeanField(key), serializer.Serialize(slot.Instance, slot.Descriptor.Type));
            }
        }
        foreach (var (viewId, record) in state.Views)
        {
            AddIfChanged(state, set, ViewField(viewId), serializer.Serialize(record, typeof(ViewRecord)));
        }
        if (state.Evicted.Count > 0)
        {
            AddIfChanged(state, set, EvictedField, SerializeEvicted(state, serializer));
        }
        var removed = state.HasRemoved ? state.Removed.Where(state.Written.ContainsKey).ToList() : [];
        return set.Count == 0 && removed.Count == 0
            ? null
            : new SessionChanges(state.Version, set, removed, state.Meta.MaxInactive);
    }

    /// <summary>Every field of the session as it is now (for writing it under a new id).</summary>
    public static Dictionary<string, byte[]> EncodeAll(SessionState state, ISessionSerializer serializer)
    {
        var fields = new Dictionary<string, byte[]>(state.UnknownOrEmpty, StringComparer.Ordinal);
        fields[MetaField] = serializer.Serialize(state.Meta, typeof(SessionMeta));
        foreach (var (key, slot) in state.Beans)
        {
            if (slot.Instance is not null)
            {
                fields[BeanField(key)] = serializer.Serialize(slot.Instance, slot.Descriptor.Type);
            }
            else if (slot.Stored is { } stored)
            {
                fields[BeanField(key)] = stored;
            }
        }
        foreach (var (viewId, record) in state.Views)
        {
            fields[ViewField(viewId)] = serializer.Serialize(record, typeof(ViewRecord));
        }
        if (state.Evicted.Count > 0)
        {
            fields[EvictedField] = SerializeEvicted(state, serializer);
        }
        return fields;
    }

    /// <summary>Records a successful write, so the next request compares against it.</summary>
    public static void Committed(SessionState state, SessionChanges changes, long version)
    {
        foreach (var (name, bytes) in changes.Set)
        {
            state.Written[name] = Digest(bytes);
        }
        foreach (var name in changes.Removed)
        {
            state.Written.Remove(name);
        }
        if (state.HasRemoved)
        {
            state.Removed.Clear();
        }
        foreach (var slot in state.Beans.Values)
        {
            slot.Dirty = false;
        }
        state.Version = version;
    }

    private static byte[] SerializeEvicted(SessionState state, ISessionSerializer serializer) =>
        serializer.Serialize(state.Evicted.ToList(), typeof(List<string>));

    private static void AddIfChanged(SessionState state, Dictionary<string, byte[]> set, string name, byte[] bytes)
    {
        if (!state.Written.TryGetValue(name, out var written) || written != Digest(bytes))
        {
            set[name] = bytes;
        }
    }

    // 128 bits of SHA-256: collisions (a change that would go unwritten) are out of reach in practice, unlike a
    // 32- or 64-bit hash over millions of writes.
    private static UInt128 Digest(ReadOnlySpan<byte> bytes)
    {
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(bytes, hash);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }
}
