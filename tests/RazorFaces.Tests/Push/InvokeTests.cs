using Microsoft.Extensions.DependencyInjection;
using RazorFaces.Tests.Support;
using RazorFaces.Tests.Support.TestPages;
using RazorFaces.Views;

namespace RazorFaces.Tests.Push;

public sealed class InvokeTests
{
    [Fact]
    public async Task WorkInvokedOutsideARequestReachesTheBrowserAndIsSavedLikeAnEvent()
    {
        await using var server = await RazorFacesTestServer.StartAsync<TestApp>(o => o.Transport.PollTimeout = TimeSpan.FromSeconds(1));
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("m4/ticker");

        await view.ClickAsync("#tick-later");
        await view.PollUntilAsync(v => v.Text("#ticks") == "1");
        await view.ClickAsync("#tick-later");
        await view.PollUntilAsync(v => v.Text("#ticks") == "2");

        // Saved with the view, as an event's change would be: it survives losing every live view.
        await server.Services.GetRequiredService<ViewRegistry>().RemoveAllAsync();
        var fresh = await browser.OpenAsync("m4/ticker");
        Assert.Equal("0", fresh.Text("#ticks"));
        Assert.Contains("<span id=\"ticks\">2</span>", await view.ServerHtmlAsync(), StringComparison.Ordinal);
    }
}
