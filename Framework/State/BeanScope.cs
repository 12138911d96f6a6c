namespace RazorFaces.State;

/// <summary>How long a backing bean lives.</summary>
internal enum BeanScope
{
    /// <summary>One instance per browser session, shared by all its tabs (JSF <c>@SessionScoped</c>).</summary>
    Session,

    /// <summary>One instance per view (tab), like JSF <c>@ViewScoped</c>.</summary>
    View,
}
