using Demo.App;
using Microsoft.Extensions.DependencyInjection;
using RazorFaces.Dom;
using RazorFaces.Testing;

namespace RazorFaces.Tests.Rendering;

/// <summary>
/// The demo's pages through the real wire pipeline: what the patches are, the layout around a routed page, links.
/// What only depends on the markup after events is tested with bUnit in tests/RazorFaces.Tests/DemoApp/DemoPagesTests.
/// </summary>
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

    [Fact]
    public async Task EveryPageShowsTheLayoutWithTheNodeName()
    {
        var page = await _context.RenderRouteAsync<App>("/");

        Assert.Equal("test-node", page.Find("#served-by").TextContent);
        Assert.Equal(4, page.FindAll("main li a").Count);
    }

    [Fact]
    public async Task TodoMovedUpIsMovedNotRebuilt()
    {
        var page = await _context.RenderRouteAsync<App>("/todos");
        await AddTodoAsync(page, "milk");
        await AddTodoAsync(page, "bread");
        var bread = page.Find("#todo-list li[data-id='2']");

        await page.ClickAsync(bread.QuerySelector(".move-up")!);

        Assert.Equal(["bread", "milk"], page.FindAll("#todo-list .todo-text").Select(t => t.TextContent));
        Assert.Contains(page.LastPatches, p => p is MovePatch);
        Assert.DoesNotContain(page.LastPatches, p => p is InsertPatch or ReplacePatch or RemovePatch);
        Assert.Same(bread, page.Find("#todo-list li[data-id='2']"));
        Assert.True(bread.QuerySelector(".move-up")!.HasAttribute("disabled"));
    }

    [Fact]
    public async Task NavLinksSwitchPagesInsideTheSameView()
    {
        var page = await _context.RenderRouteAsync<App>("/");

        await page.ClickLinkAsync("#nav-counter");
        await page.ClickAsync("#increment");

        Assert.Equal("1", page.Find("#count").TextContent);
        Assert.Equal("http://localhost/counter", page.Url);
        Assert.Equal(3, page.ViewNumber);
    }

    private static async Task AddTodoAsync(RenderedView page, string text)
    {
        await page.InputAsync("#todo-text", text);
        await page.ClickAsync("#add-todo");
    }
}
