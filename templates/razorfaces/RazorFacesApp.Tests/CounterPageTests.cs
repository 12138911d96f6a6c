using Microsoft.Extensions.DependencyInjection;
using RazorFaces.Testing;

namespace RazorFacesApp.Tests;

/// <summary>
/// The counter page, rendered in-process on the real RazorFaces pipeline: the harness applies the server's patches
/// to its document as the browser would, so what the assertions read is what a user would see.
/// </summary>
public sealed class CounterPageTests : IAsyncLifetime
{
    private readonly RazorFacesTestContext _context = new();

    public Task InitializeAsync()
    {
        // The services Program.cs adds that the pages use (AddRazorFaces is already done by the context).
        _context.Services.AddSessionBean<CounterBean>();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _context.DisposeAsync().AsTask();

    [Fact]
    public async Task EachClickCountsOnce()
    {
        var page = await _context.RenderRouteAsync<App>("/counter");
        Assert.Equal("0", page.Find("#count").TextContent);

        await page.ClickAsync("#increment");
        await page.ClickAsync("#increment");

        Assert.Equal("2", page.Find("#count").TextContent);
    }

    [Fact]
    public async Task AnUnknownAddressShowsTheNotFoundContentInTheLayout()
    {
        var page = await _context.RenderRouteAsync<App>("/no-such-page");

        Assert.Equal("Not found", page.Find("h1").TextContent);
        Assert.NotNull(page.Find("nav a[href='counter']"));
    }
}
