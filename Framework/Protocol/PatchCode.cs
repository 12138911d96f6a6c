namespace RazorFaces.Protocol;

/// <summary>
/// The first element of every patch on the wire. The single source of these numbers: the TypeScript
/// client's copy is checked against <c>tests/fixtures/protocol/codes.json</c>, which a C# test writes from here.
/// </summary>
internal enum PatchCode
{
    /// <summary><c>[1, path, text]</c>: set the text of the text node at path.</summary>
    SetText = 1,

    /// <summary><c>[2, path, name, value]</c>: set an attribute of the element at path.</summary>
    SetAttribute = 2,

    /// <summary><c>[3, path, name]</c>: remove an attribute of the element at path.</summary>
    RemoveAttribute = 3,

    /// <summary><c>[4, parentPath, index, html]</c>: insert the node written as html before child index (index = count appends).</summary>
    Insert = 4,

    /// <summary><c>[5, path]</c>: remove the node at path.</summary>
    Remove = 5,

    /// <summary><c>[6, parentPath, from, to]</c>: take child from out, then insert it so that it ends up at index to.</summary>
    Move = 6,

    /// <summary><c>[7, path, html]</c>: replace the node at path by the node written as html.</summary>
    Replace = 7,
}
