using RazorFaces.Dom;

namespace RazorFaces.Rendering;

/// <summary>What one component last rendered: its top-level DOM nodes and the handlers of its elements by local id.</summary>
internal sealed class ComponentDom(DomNode[] nodes, Dictionary<string, List<EventTarget>>? targets)
{
    public DomNode[] Nodes { get; } = nodes;

    public Dictionary<string, List<EventTarget>>? Targets { get; } = targets;

    /// <summary>
    /// The nodes as they go into a table section, when the component is a <c>Virtualize</c> there (built once, so an
    /// unchanged component still contributes the same node objects).
    /// </summary>
    public DomNode[]? NodesInTable { get; set; }

    /// <summary>
    /// For a component with child components: its element subtrees that hold none (the largest such), by the index of
    /// their element frame, ascending. They depend on this component's frames alone, so while it does not render again
    /// a rebuild for a child's sake reuses them (<see cref="FrameDomBuilder"/>).
    /// </summary>
    public StaticSubtrees? Static { get; init; }
}

/// <summary>Element subtrees of a component's DOM that no child component's render can change, by frame index.</summary>
internal sealed class StaticSubtrees(int[] frames, DomElement[] elements)
{
    public int[] Frames { get; } = frames;

    public DomElement[] Elements { get; } = elements;
}
