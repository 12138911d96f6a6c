using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RazorFaces.Hosting;
using RazorFaces.Testing;
using RazorFaces.Tests.TestComponents;

namespace RazorFaces.Tests.Testing;

public sealed class RenderedViewTests
{
    [Fact]
    public async Task FindThrowsElementNotFoundWithTheSelectorAndTheMarkup()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<Greeting>();

        var error = Assert.Throws<ElementNotFoundException>(() => page.Find("#missing"));

        Assert.Equal("#missing", error.Selector);
        Assert.Contains("Hello, nobody!", error.Message, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#missing"));
    }

    [Fact]
    public async Task ClickOnAnElementWithoutAServerHandlerIsRefusedAsTheBrowserWouldNotSendIt()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<KeyedList>();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => page.ClickAsync("#count"));

        Assert.Contains("no server handler for 'click'", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, page.ViewNumber);
    }

    [Fact]
    public async Task EventOnAnElementThatAnUpdateRemovedIsRefused()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<KeyedList>();
        var remove = page.Find("#item-1 .remove");
        await page.ClickAsync(remove);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => page.ClickAsync(remove));

        Assert.Contains("not in the view's document", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryAnswerIsKeptInItsWireForm()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<ParameterHost>();

        await page.ClickAsync("#click");

        using var answer = JsonDocument.Parse(page.LastAnswer);
        var update = Assert.Single(answer.RootElement.EnumerateArray());
        Assert.Equal("update", update.GetProperty("t").GetString());
        Assert.Equal(page.ViewId, update.GetProperty("view").GetString());
        Assert.Equal(2, update.GetProperty("n").GetInt32());
        Assert.Equal("""[[1,[0,0],"clicks: 1"]]""", update.GetProperty("patches").GetRawText());
    }

    [Fact]
    public async Task DocumentChangedBehindTheServersBackFailsTheFidelityCheck()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<ParameterHost>();
        page.Find("#badge-fixed").SetAttribute("title", "tampered");

        var error = await Assert.ThrowsAsync<PatchFidelityException>(() => page.ClickAsync("#click"));

        Assert.Contains("attribute title=(absent) expected, \"tampered\" found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PatchWhosePathNoLongerExistsFailsTheFidelityCheck()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<ParameterHost>();
        page.Find("#badge-clicks").TextContent = string.Empty;

        var error = await Assert.ThrowsAsync<PatchFidelityException>(() => page.ClickAsync("#click"));

        Assert.Contains("does not apply", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForAppliesUpdatesTheServerPushesAfterTheAnswer()
    {
        await using var ctx = new RazorFacesTestContext();
        var gate = ctx.Services.AddSingletonGate();
        // The answer must not wait for the handler: what it renders later goes out through the poll.
        ctx.Services.Configure<RazorFacesOptions>(o => o.Views.EventSettleTime = TimeSpan.Zero);
        var page = await ctx.RenderAsync<AsyncCounter>();
        await page.ClickAsync("#wait");
        Assert.Equal("waiting", page.Find("#state").TextContent);

        gate.Open();
        await page.WaitForAsync(p => p.Find("#state").TextContent == "done");

        Assert.Equal("1", page.Find("#count").TextContent);
    }

    [Fact]
    public async Task WaitForThrowsTimeoutWhenTheConditionNeverHolds()
    {
        await using var ctx = new RazorFacesTestContext();
        ctx.Services.AddSingletonGate();
        var page = await ctx.RenderAsync<AsyncCounter>();

        await Assert.ThrowsAsync<TimeoutException>(() =>
            page.WaitForAsync(p => p.Find("#count").TextContent == "1", TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task ServicesCannotChangeOnceAViewWasRendered()
    {
        await using var ctx = new RazorFacesTestContext();
        await ctx.RenderAsync<Greeting>();

        Assert.Throws<InvalidOperationException>(() => ctx.Services.AddSingleton(new DisposeLog()));
    }

    [Fact]
    public async Task DisposingTheContextDisposesTheViewsComponents()
    {
        var log = new DisposeLog();
        var ctx = new RazorFacesTestContext();
        ctx.Services.AddSingleton(log);
        await ctx.RenderAsync<Disposable>();
        Assert.False(log.Disposed);

        await ctx.DisposeAsync();

        Assert.True(log.Disposed);
    }

    [Fact]
    public async Task RoutesResolveAgainstABaseUriWithAPath()
    {
        await using var ctx = new RazorFacesTestContext { BaseUri = "http://localhost/app/" };

        var page = await ctx.RenderRouteAsync<TestApp>("/items/5");
        await page.ClickAsync("#next");

        Assert.Equal("Item 6", page.Find("#item").TextContent);
        Assert.Equal("http://localhost/app/items/6", page.Url);
    }

    [Fact]
    public async Task ClickOnASubmitButtonWithoutAClickHandlerSubmitsItsForm()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<ValidatedForm>();

        await page.ClickAsync("#save");

        Assert.Equal("invalid 1", page.Find("#result").TextContent);
    }
}
