using System.Text.Json;
using AngleSharp.Dom;
using RazorFaces.Protocol;

namespace RazorFaces.Testing.Internal;

/// <summary>
/// Applies patches in their wire form (docs/protocol.md) to an AngleSharp document the way the browser client
/// applies them to the live DOM: paths resolve over <c>childNodes</c>, and inserted HTML is built with DOM calls
/// (<see cref="WrittenHtmlReader"/>), never repaired by an HTML parser.
/// </summary>
internal static class DocumentPatcher
{
    /// <exception cref="PatchFidelityException">A patch does not apply.</exception>
    public static void Apply(IElement root, JsonElement patches)
    {
        var number = 0;
        foreach (var patch in patches.EnumerateArray())
        {
            try
            {
                ApplyOne(root, patch);
            }
            catch (Exception e) when (e is not PatchFidelityException)
            {
                throw new PatchFidelityException($"Patch #{number} {patch.GetRawText()} does not apply to the document: {e.Message}", e);
            }
            number++;
        }
    }

    private static void ApplyOne(IElement root, JsonElement patch)
    {
        var path = patch[1].EnumerateArray().Select(i => i.GetInt32()).ToArray();
        switch ((PatchCode)patch[0].GetInt32())
        {
            case PatchCode.SetText:
                var text = Resolve(root, path) as IText ?? throw new InvalidOperationException("the node is not a text node");
                text.Data = patch[2].GetString()!;
                break;
            case PatchCode.SetAttribute:
                AsElement(Resolve(root, path)).SetAttribute(patch[2].GetString()!, patch[3].GetString()!);
                break;
            case PatchCode.RemoveAttribute:
                AsElement(Resolve(root, path)).RemoveAttribute(patch[2].GetString()!);
                break;
            case PatchCode.Insert:
            {
                var parent = AsElement(Resolve(root, path));
                var index = patch[2].GetInt32();
                var children = parent.ChildNodes;
                if (index < 0 || index > children.Length)
                {
                    throw new InvalidOperationException($"index {index} is outside 0..{children.Length}");
                }
                parent.InsertBefore(ParseOne(parent, patch[3].GetString()!), index < children.Length ? children[index] : null);
                break;
            }
            case PatchCode.Remove:
            {
                var node = ResolveChild(root, path);
                node.Parent!.RemoveChild(node);
                break;
            }
            case PatchCode.Move:
            {
                var parent = AsElement(Resolve(root, path));
                var (from, to) = (patch[2].GetInt32(), patch[3].GetInt32());
                var count = parent.ChildNodes.Length;
                if (from < 0 || from >= count || to < 0 || to >= count)
                {
                    throw new InvalidOperationException($"move {from} -> {to} is outside 0..{count - 1}");
                }
                var node = parent.ChildNodes[from];
                parent.RemoveChild(node);
                parent.InsertBefore(node, to < parent.ChildNodes.Length ? parent.ChildNodes[to] : null);
                break;
            }
            case PatchCode.Replace:
            {
                var node = ResolveChild(root, path);
                node.Parent!.ReplaceChild(ParseOne(node.Parent!, patch[2].GetString()!), node);
                break;
            }
            default:
                throw new InvalidOperationException("unknown patch code");
        }
    }

    private static INode ResolveChild(IElement root, int[] path) =>
        path.Length == 0 ? throw new InvalidOperationException("the path is empty (the root cannot be removed or replaced)") : Resolve(root, path);

    private static INode Resolve(IElement root, int[] path)
    {
        INode node = root;
        for (var depth = 0; depth < path.Length; depth++)
        {
            var children = node.ChildNodes;
            if (path[depth] < 0 || path[depth] >= children.Length)
            {
                throw new InvalidOperationException($"step {depth} of the path ({path[depth]}) does not exist (the node has {children.Length} children)");
            }
            node = children[path[depth]];
        }
        return node;
    }

    private static IElement AsElement(INode node) => node as IElement ?? throw new InvalidOperationException("the node is not an element");

    /// <summary>Builds the HTML of one node as the client does.</summary>
    private static INode ParseOne(INode parent, string html)
    {
        var nodes = WrittenHtmlReader.Read(parent, html);
        if (nodes.Count != 1)
        {
            throw new InvalidOperationException($"its HTML is {nodes.Count} nodes, not one: {html}");
        }
        return nodes[0];
    }

    /// <summary>Replaces the view's content by a refresh's HTML as the client does.</summary>
    public static void Refresh(IElement root, string html) => WrittenHtmlReader.ReplaceChildren(root, html);
}
