using System.Reflection;
using Microsoft.AspNetCore.Components;

namespace RazorFaces.Hosting;

/// <summary>The <c>@page</c> templates of the components in some assemblies.</summary>
internal static class PageRoutes
{
    public static IEnumerable<string> Find(IEnumerable<Assembly> assemblies) =>
        assemblies
            .Distinct()
            .SelectMany(a => a.ExportedTypes)
            .Where(t => typeof(IComponent).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>(inherit: false))
            .Select(r => r.Template)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderBy(t => t, StringComparer.Ordinal);
}
