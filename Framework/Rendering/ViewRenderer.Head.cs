using Microsoft.AspNetCore.Components;
using RazorFaces.Dom;

namespace RazorFaces.Rendering;

internal sealed partial class ViewRenderer
{
    internal const string HeadPath = "head";

    private int _headComponentId = -1;

    /// <summary>Creates and renders the head root (<see cref="ViewHead"/>); call on the dispatcher, before the root.</summary>
    public Task RenderHeadAsync()
    {
        var component = InstantiateComponent(typeof(ViewHead));
        _nextRootPath = HeadPath;
        try
        {
            _headComponentId = AssignRootComponentId(component);
        }
        finally
        {
            _nextRootPath = RootPath;
        }
        return RenderRootComponentAsync(_headComponentId, ParameterView.Empty);
    }

    /// <summary>
    /// The head's content as the components last rendered it (call on the dispatcher), as HTML, with
    /// <paramref name="defaultTitle"/> when no <c>&lt;PageTitle&gt;</c> gives one.
    /// </summary>
    public string BuildHead(string defaultTitle)
    {
        var nodes = _headComponentId < 0 ? [] : _domBuilder.BuildRoot(_headComponentId).Children;
        var html = new System.Text.StringBuilder();
        if (!nodes.Any(n => n is DomElement { Tag: "title" }))
        {
            DomHtmlWriter.Write(new DomElement("title", children: [new DomText(defaultTitle)]), html);
        }
        foreach (var node in nodes)
        {
            DomHtmlWriter.Write(node, html);
        }
        return html.ToString();
    }
}
