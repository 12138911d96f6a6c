namespace RazorFaces.State;

/// <summary>
/// A bean in a session object: its stored bytes until someone needs it (deserialized lazily, so a request that
/// does not touch a bean never pays for it), then the live instance.
/// </summary>
internal sealed class BeanSlot(BeanDescriptor descriptor)
{
    public BeanDescriptor Descriptor { get; } = descriptor;

    public object? Instance { get; set; }

    public byte[]? Stored { get; set; }

    /// <summary>Marked changed by hand (explicit change detection).</summary>
    public bool Dirty { get; set; }
}
