using RazorFaces.Dom;

namespace RazorFaces.Tests.Dom;

/// <summary>
/// Random DOM trees for property tests, from a seed. Tags, texts, attribute names and keys come from small
/// sets so that independent trees still share matching nodes; <see cref="Edit"/> derives a realistic
/// successor (a few removals, insertions, moves, text and attribute changes, unchanged subtrees shared).
/// </summary>
internal sealed class RandomDom(int seed)
{
    private static readonly string[] Tags = ["div", "p", "span", "li", "b"];
    private static readonly string[] Texts = ["a", "b", "hello", " ", "x < y & \"z\"", "é"];
    private static readonly string[] AttributeNames = ["class", "id", "title", "value"];
    private static readonly string[] AttributeValues = ["", "on", "off", "1", "2"];
    private static readonly string[] KeyPool = [.. Enumerable.Range(0, 12).Select(i => "k" + i)];

    private readonly Random _random = new(seed);
    private int _freshKeys;

    public DomElement Tree() => new("div", children: Children(0));

    public DomElement Edit(DomElement root) => root.WithChildren(EditChildren(root.Children, 0));

    private bool Chance(double probability) => _random.NextDouble() < probability;

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private DomNode[] Children(int depth)
    {
        var count = depth < 3 ? _random.Next(0, 6) : 0;
        var keyed = Chance(0.5);
        var keys = KeyPool.OrderBy(_ => _random.Next()).ToArray();
        var children = new DomNode[count];
        for (var i = 0; i < count; i++)
        {
            children[i] = keyed && !Chance(0.15) ? Element(depth, keys[i]) : UnkeyedNode(depth);
        }
        return DomNormalizer.NormalizeChildren(children);
    }

    private DomNode UnkeyedNode(int depth) => Chance(0.35) ? new DomText(Pick(Texts)) : Element(depth, null);

    private DomElement Element(int depth, string? key)
    {
        var attributes = AttributeNames.Where(_ => Chance(0.3))
            .Select(name => new DomAttribute(name, Pick(AttributeValues)))
            .ToArray();
        return new DomElement(Pick(Tags), attributes, Children(depth + 1), key);
    }

    private DomNode[] EditChildren(IReadOnlyList<DomNode> children, int depth)
    {
        var list = children.ToList();
        var operations = _random.Next(0, 3);
        for (var o = 0; o < operations; o++)
        {
            switch (_random.Next(6))
            {
                case 0 when list.Count > 0:
                    list.RemoveAt(_random.Next(list.Count));
                    break;
                case 1:
                    list.Insert(_random.Next(list.Count + 1), NewNode(list, depth));
                    break;
                case 2 when list.Count > 1:
                    var from = _random.Next(list.Count);
                    var node = list[from];
                    list.RemoveAt(from);
                    list.Insert(_random.Next(list.Count + 1), node);
                    break;
                case 3:
                    list.Reverse();
                    break;
                case 4:
                    list = [.. list.OrderBy(_ => _random.Next())];
                    break;
                case 5 when list.Count > 0 && Chance(0.2):
                    // The same node twice makes duplicate keys: the diff must cope (by position).
                    list.Insert(_random.Next(list.Count + 1), list[_random.Next(list.Count)]);
                    break;
            }
        }
        for (var i = 0; i < list.Count; i++)
        {
            if (Chance(0.35))
            {
                list[i] = EditNode(list[i], depth);
            }
        }
        return DomNormalizer.NormalizeChildren(list);
    }

    private DomNode NewNode(List<DomNode> siblings, int depth)
    {
        var keyed = siblings.Any(s => s is DomElement { Key: not null });
        if (keyed && Chance(0.8))
        {
            var key = Chance(0.5) ? "n" + _freshKeys++ : Pick(KeyPool);
            return Element(depth, siblings.Any(s => s is DomElement e && e.Key == key) ? "n" + _freshKeys++ : key);
        }
        return UnkeyedNode(depth);
    }

    private DomNode EditNode(DomNode node, int depth)
    {
        if (node is DomText)
        {
            return Chance(0.8) ? new DomText(Pick(Texts) + "!") : Element(depth, null);
        }
        var element = (DomElement)node;
        return _random.Next(8) switch
        {
            0 => new DomElement(Pick(Tags), [.. element.Attributes], [.. element.Children], element.Key),
            1 => new DomElement(element.Tag, [.. element.Attributes], [.. element.Children], element.Key is null ? null : "n" + _freshKeys++),
            2 => new DomText(Pick(Texts)),
            3 or 4 => EditAttributes(element),
            _ => element.WithChildren(EditChildren(element.Children, depth + 1)),
        };
    }

    private DomElement EditAttributes(DomElement element)
    {
        var name = Pick(AttributeNames);
        return Chance(0.4) ? element.WithoutAttribute(name) : element.WithAttribute(name, Pick(AttributeValues) + "*");
    }
}
