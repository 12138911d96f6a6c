using System.Reflection;
using Microsoft.AspNetCore.Components;

namespace RazorFaces.Hosting;

/// <summary>The <c>@page</c> templates of the components in some assemblies.</summary>
internal static class PageRoutes
{
    /// <summary>Each <c>@page</c> template, with the page component that declares it (the first, if several do).</summary>
    public static IEnumerable<(string Template, Type Page)> Find(IEnumerable<Assembly> assemblies) =>
        assemblies
            .Distinct()
            .SelectMany(a => a.ExportedTypes)
            .Where(t => typeof(IComponent).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>(inherit: false).Select(r => (r.Template, Page: t)))
            .GroupBy(r => r.Template, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First())
            .OrderBy(r => r.Template, StringComparer.Ordinal);
}
