using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using RazorFaces.Protocol;

namespace RazorFaces.Cluster.Tests.Support;

/// <summary>
/// Applies wire patches (docs/protocol.md, "Patches") to an AngleSharp DOM the way the browser client applies
/// them to the live DOM. Properties such as an input's value are modelled by their attributes.
/// </summary>
public static class AngleSharpPatcher
{
    /// <summary>Applies <paramref name="patches"/> (a JSON array of patches) in order below <paramref name="root"/>.</summary>
    /// <exception cref="InvalidOperationException">A patch does not fit the DOM (the client would resync).</exception>
    public static void Apply(IElement root, JsonElement patches, IHtmlParser parser)
    {
        var index = 0;
        foreach (var patch in patches.EnumerateArray())
        {
            try
            {
                ApplyOne(root, patch, parser);
            }
            catch (Exception e) when (e is InvalidOperationException or IndexOutOfRangeException or KeyNotFoundException or FormatException)
            {
                throw new InvalidOperationException($"Patch {index} {patch.GetRawText()} does not fit the DOM: {e.Message}\nDOM: {root.InnerHtml}", e);
            }
            index++;
        }
    }

    private static void ApplyOne(IElement root, JsonElement patch, IHtmlParser parser)
    {
        var code = (PatchCode)patch[0].GetInt32();
        var path = patch[1].EnumerateArray().Select(i => i.GetInt32()).ToArray();
        switch (code)
        {
            case PatchCode.SetText:
                var text = Resolve(root, path) as ICharacterData ?? throw new InvalidOperationException("not a text node");
                text.Data = patch[2].GetString()!;
                break;
            case PatchCode.SetAttribute:
                AsElement(Resolve(root, path)).SetAttribute(patch[2].GetString()!, patch[3].GetString()!);
                break;
            case PatchCode.RemoveAttribute:
                AsElement(Resolve(root, path)).RemoveAttribute(patch[2].GetString()!);
                break;
            case PatchCode.Insert:
                var parent = Resolve(root, path);
                var at = patch[2].GetInt32();
                if (at < 0 || at > parent.ChildNodes.Length)
                {
                    throw new InvalidOperationException($"index {at} is outside 0..{parent.ChildNodes.Length}");
                }
                var inserted = ParseOne(parser, AsElement(parent), patch[3].GetString()!);
                parent.InsertBefore(inserted, at < parent.ChildNodes.Length ? parent.ChildNodes[at] : null);
                break;
            case PatchCode.Remove:
                var removed = Resolve(root, path);
                removed.Parent!.RemoveChild(removed);
                break;
            case PatchCode.Move:
                var container = Resolve(root, path);
                int from = patch[2].GetInt32(), to = patch[3].GetInt32();
                var count = container.ChildNodes.Length;
                if (from < 0 || from >= count || to < 0 || to >= count)
                {
                    throw new InvalidOperationException($"move {from} -> {to} is outside 0..{count - 1}");
                }
                var moved = container.ChildNodes[from];
                container.RemoveChild(moved);
                container.InsertBefore(moved, to < container.ChildNodes.Length ? container.ChildNodes[to] : null);
                break;
            case PatchCode.Replace:
                var old = Resolve(root, path);
                var parentOfOld = old.Parent as IElement ?? throw new InvalidOperationException("the node has no parent element");
                parentOfOld.ReplaceChild(ParseOne(parser, parentOfOld, patch[2].GetString()!), old);
                break;
            default:
                throw new InvalidOperationException($"unknown patch code {(int)code}");
        }
    }

    private static INode Resolve(IElement root, int[] path)
    {
        INode node = root;
        foreach (var index in path)
        {
            if (index < 0 || index >= node.ChildNodes.Length)
            {
                throw new InvalidOperationException($"path [{string.Join(',', path)}]: child {index} does not exist (the node has {node.ChildNodes.Length})");
            }
            node = node.ChildNodes[index];
        }
        return node;
    }

    private static IElement AsElement(INode node) => node as IElement ?? throw new InvalidOperationException("the node is not an element");

    // Parsed in the parent's context, as the client does with a <template>, so that rows and options parse in place.
    private static INode ParseOne(IHtmlParser parser, IElement context, string html)
    {
        var nodes = parser.ParseFragment(html, context);
        if (nodes.Length != 1)
        {
            throw new InvalidOperationException($"'{html}' parses to {nodes.Length} nodes, not one");
        }
        return context.Owner!.Import(nodes[0], deep: true);
    }
}
