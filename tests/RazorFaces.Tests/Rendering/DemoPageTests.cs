using Demo.App;
using Microsoft.Extensions.DependencyInjection;
using RazorFaces.Dom;
using RazorFaces.Testing;

namespace RazorFaces.Tests.Rendering;

public sealed class DemoPageTests : IAsyncLifetime
{
    private readonly RazorFacesTestContext _context = new();

    public Task InitializeAsync()
    {
        _context.Services.AddSingleton(new NodeInfo("test-node"));
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _context.DisposeAsync().AsTask();

    [Fact]
    public async Task CounterClickSendsOneTextPatch()
    {
        var page = await _context.RenderRouteAsync<App>("/counter");
        Assert.Equal("0", page.Find("#count").TextContent);

        await page.ClickAsync("#increment");

        Assert.Equal("1", page.Find("#count").TextContent);
        var patch = Assert.IsType<SetTextPatch>(Assert.Single(page.LastPatches));
        Assert.Equal("1", patch.Text);
        Assert.Equal(2, page.ViewNumber);
    }
}
