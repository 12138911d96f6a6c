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
}
