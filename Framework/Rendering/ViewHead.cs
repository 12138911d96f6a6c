using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Sections;
using Microsoft.AspNetCore.Components.Web;

namespace RazorFaces.Rendering;

/// <summary>
/// The view's second root: the document head's part that <c>&lt;PageTitle&gt;</c> and <c>&lt;HeadContent&gt;</c> fill.
/// It renders the two section outlets Blazor's <see cref="HeadOutlet"/> renders, without HeadOutlet's JavaScript call
/// for the page's default title: the server knows that one (<c>RazorFacesOptions.Title</c>).
/// </summary>
internal sealed class ViewHead : IComponent
{
    // PageTitle and HeadContent fill these sections; Blazor keeps their ids on HeadOutlet (a test pins that they exist).
    internal static readonly object TitleSectionId = SectionId("TitleSectionId");
    internal static readonly object HeadSectionId = SectionId("HeadSectionId");

    private RenderHandle _handle;

    public void Attach(RenderHandle renderHandle) => _handle = renderHandle;

    public Task SetParametersAsync(ParameterView parameters)
    {
        _handle.Render(builder =>
        {
            builder.OpenComponent<SectionOutlet>(0);
            builder.AddComponentParameter(1, nameof(SectionOutlet.SectionId), TitleSectionId);
            builder.CloseComponent();
            builder.OpenComponent<SectionOutlet>(2);
            builder.AddComponentParameter(3, nameof(SectionOutlet.SectionId), HeadSectionId);
            builder.CloseComponent();
        });
        return Task.CompletedTask;
    }

    private static object SectionId(string name) =>
        typeof(HeadOutlet).GetField(name, BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null)
        ?? throw new InvalidOperationException($"HeadOutlet.{name} is gone: <PageTitle> and <HeadContent> cannot be rendered.");
}
