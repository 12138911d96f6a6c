using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RazorFaces.Tests.Beans;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Transport;

public sealed class SessionDumpEndpointTests
{
    [Fact]
    public async Task InDevelopmentTheCallersStoredSessionReadsAsJsonWhateverItsStoredFormat()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync(services: s => s.AddSingleton<IHostEnvironment>(
            new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = Environments.Development }));
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("cart");
        await BeanScopeTests.AddToCartAsync(view, "tea");

        using var response = await browser.Http.GetAsync("_rf/session");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var dump = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(browser.SessionId, dump.RootElement.GetProperty("id").GetString());
        var cart = dump.RootElement.GetProperty("fields").GetProperty("bean:Demo.App.Beans.CartBean");
        Assert.Equal("MessagePack", cart.GetProperty("format").GetString());
        Assert.Equal("tea", cart.GetProperty("value").GetProperty("items")[0].GetProperty("name").GetString());
        var meta = dump.RootElement.GetProperty("fields").GetProperty("meta").GetProperty("value");
        Assert.Equal(browser.SessionId, meta.GetProperty("id").GetString());
        Assert.Equal("(hidden)", meta.GetProperty("csrfToken").GetString());
    }

    [Fact]
    public async Task OutsideDevelopmentThereIsNoSuchEndpoint()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync();
        using var browser = server.NewBrowser();
        await browser.OpenAsync("cart");

        using var response = await browser.Http.GetAsync("_rf/session");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
