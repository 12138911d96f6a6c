using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace RazorFaces.Dom;

/// <summary>
/// Merkle fingerprints of the immutable DOM: an element's fingerprint is a hash of its tag, key, attributes, texts and
/// its child elements' fingerprints, computed once per element and kept on it. Because a re-render shares every
/// unchanged subtree with the old DOM, fingerprinting the new DOM after an event hashes only the elements on the path
/// to what changed, instead of writing and hashing the whole page's HTML.
/// </summary>
/// <remarks>
/// SHA-256 keeps the same collision argument as a hash of the HTML had (64 bits of it per comparison against one stored
/// value). Strings go in as UTF-16 code units with a length prefix, so no two different DOMs feed the same bytes; every
/// platform .NET runs RazorFaces on is little-endian, so all nodes of a cluster agree.
/// </remarks>
internal static class DomFingerprint
{
    private const byte TextMark = 1, ElementMark = 2, AttributeMark = 3, KeyMark = 4;

    [ThreadStatic]
    private static IncrementalHash? _hash;

    /// <summary>The fingerprint of an element's children alone (what the browser's <c>innerHTML</c> shows).</summary>
    public static ulong OfChildren(DomElement element) => Hash(null, null, [], element.Children);

    /// <summary>The fingerprint of an element, tag and attributes included.</summary>
    public static ulong Of(DomElement element) => Hash(element.Tag, element.Key, element.Attributes, element.Children);

    private static ulong Hash(string? tag, string? key, IReadOnlyList<DomAttribute> attributes, IReadOnlyList<DomNode> children)
    {
        // Children first: their cached fingerprints may need computing, which uses this thread's hash object too.
        Span<ulong> childPrints = children.Count <= 64 ? stackalloc ulong[children.Count] : new ulong[children.Count];
        for (var i = 0; i < children.Count; i++)
        {
            childPrints[i] = children[i] is DomElement child ? child.Fingerprint : 0;
        }
        var hash = _hash ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (tag is not null)
        {
            AppendString(hash, ElementMark, tag);
        }
        if (key is not null)
        {
            AppendString(hash, KeyMark, key);
        }
        foreach (var attribute in attributes)
        {
            AppendString(hash, AttributeMark, attribute.Name);
            AppendString(hash, AttributeMark, attribute.Value);
        }
        Span<byte> print = stackalloc byte[9];
        for (var i = 0; i < children.Count; i++)
        {
            if (children[i] is DomText text)
            {
                AppendString(hash, TextMark, text.Text);
            }
            else
            {
                print[0] = ElementMark;
                BinaryPrimitives.WriteUInt64LittleEndian(print[1..], childPrints[i]);
                hash.AppendData(print);
            }
        }
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        var value = BinaryPrimitives.ReadUInt64LittleEndian(digest);
        return value == 0 ? 1 : value; // 0 marks "not computed yet" on an element
    }

    private static void AppendString(IncrementalHash hash, byte mark, string value)
    {
        Span<byte> prefix = stackalloc byte[5];
        prefix[0] = mark;
        BinaryPrimitives.WriteInt32LittleEndian(prefix[1..], value.Length);
        hash.AppendData(prefix);
        hash.AppendData(MemoryMarshal.AsBytes(value.AsSpan()));
    }
}
