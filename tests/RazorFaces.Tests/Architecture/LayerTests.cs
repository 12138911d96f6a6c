namespace RazorFaces.Tests.Architecture;

/// <summary>
/// The areas of the framework only point down: the order is the line "Layers, top to bottom:" of docs/design.md,
/// and every use one area makes of another, read from the compiled assembly, must go to an area below it.
/// </summary>
public class LayerTests
{
    private static readonly NamespaceGraph Graph = NamespaceGraph.Read(typeof(RazorFacesOptions).Assembly.Location, "RazorFaces");

    [Fact]
    public void EveryAreaUsesOnlyAreasBelowItAsDocumented()
    {
        var layers = DocumentedLayers();
        var upward = Graph.Edges
            .Where(e => !layers.Contains(e.Key.From) || !layers.Contains(e.Key.To) || layers.IndexOf(e.Key.From) > layers.IndexOf(e.Key.To))
            .Select(e => $"{e.Key.From} -> {e.Key.To} (in {e.Value})")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(upward.Count == 0, "Uses that go up (or to an area docs/design.md does not list):\n" + string.Join("\n", upward));
    }

    [Fact]
    public void NoTwoAreasUseEachOther()
    {
        var cycles = Graph.Edges.Keys
            .Where(e => string.CompareOrdinal(e.From, e.To) < 0 && Graph.Edges.ContainsKey((e.To, e.From)))
            .Select(e => $"{e.From} <-> {e.To} (in {Graph.Edges[e]} and {Graph.Edges[(e.To, e.From)]})")
            .ToList();

        Assert.True(cycles.Count == 0, "Areas that use each other:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void TheGraphSeesUsesInsideMethodBodies()
    {
        // These uses appear only in method bodies and signatures; a reader that missed them would pass anything.
        Assert.Contains(("Views", "Session"), Graph.Edges.Keys);
        Assert.Contains(("Transport", "Views"), Graph.Edges.Keys);
        Assert.DoesNotContain(("Dom", "Protocol"), Graph.Edges.Keys);
    }

    /// <summary>The areas from docs/design.md, top first.</summary>
    private static List<string> DocumentedLayers()
    {
        const string Marker = "Layers, top to bottom:";
        var line = File.ReadLines(DesignDocument()).FirstOrDefault(l => l.Contains(Marker, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"docs/design.md has no line with '{Marker}'.");
        return [.. line[(line.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length)..]
            .Split('→', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Trim('`', '.', ' '))];
    }

    private static string DesignDocument()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Framework.sln")))
            {
                return Path.Combine(directory.FullName, "docs", "design.md");
            }
        }
        throw new InvalidOperationException($"No Framework.sln above {AppContext.BaseDirectory}.");
    }
}
