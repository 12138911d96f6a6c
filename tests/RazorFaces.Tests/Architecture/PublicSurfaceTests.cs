namespace RazorFaces.Tests.Architecture;

/// <summary>
/// What a page author can see: the root namespace and the extension methods that wire it up. The exact members
/// are pinned by Framework/PublicAPI.*.txt (the build fails on any difference); this keeps whole areas from
/// becoming public by accident.
/// </summary>
public class PublicSurfaceTests
{
    [Fact]
    public void OnlyThePageAuthorsNamespacesArePublic()
    {
        string[] allowed = ["RazorFaces", "Microsoft.Extensions.DependencyInjection", "Microsoft.AspNetCore.Builder"];

        var stray = typeof(RazorFacesOptions).Assembly.GetExportedTypes()
            .Where(t => !allowed.Contains(t.Namespace))
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(stray);
    }
}
