using System.Text.Json;
using RazorFaces.Protocol;
using RazorFaces.Testing;
using RazorFaces.Tests.TestComponents;
using RazorFaces.Views;

namespace RazorFaces.Tests.Rendering;

public sealed class EventTests
{
    [Fact]
    public async Task PreventDefaultAndStopPropagationAreRenderedForTheClient()
    {
        await using var ctx = new RazorFacesTestContext();

        var page = await ctx.RenderAsync<EventFlags>();

        Assert.Equal("click", page.Find("#link").GetAttribute(ProtocolConstants.PreventDefaultAttribute));
        Assert.Null(page.Find("#link").GetAttribute(ProtocolConstants.StopPropagationAttribute));
        Assert.Equal("click", page.Find("#panel").GetAttribute(ProtocolConstants.StopPropagationAttribute));
        Assert.Null(page.Find("#inner").GetAttribute(ProtocolConstants.StopPropagationAttribute));
        // No handler needed: the flag alone is sent, without a target reference.
        Assert.Equal("submit", page.Find("#plain-form").GetAttribute(ProtocolConstants.PreventDefaultAttribute));
        Assert.Null(page.Find("#plain-form").GetAttribute(ProtocolConstants.TargetAttribute));
    }

    [Fact]
    public async Task PreventDefaultTurnedOffRemovesTheAttribute()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<EventFlags>();

        await page.ClickAsync("#allow");

        Assert.False(page.Find("#link").HasAttribute(ProtocolConstants.PreventDefaultAttribute));
        await page.ClickAsync("#link");
        Assert.Equal("1", page.Find("#clicks").TextContent);
    }

    [Fact]
    public async Task AsyncHandlerThatYieldsHasItsStateChangeInTheAnswer()
    {
        await using var ctx = new RazorFacesTestContext();
        ctx.Services.AddSingletonGate();
        var page = await ctx.RenderAsync<AsyncCounter>();

        await page.ClickAsync("#yield");

        Assert.Equal("1", page.Find("#count").TextContent);
        Assert.Contains("\"n\":2", page.LastAnswer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MouseHandlerReceivesTheFieldsTheBrowserSent()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<EventArgsProbe>();

        await page.ClickAsync("#probe", new { clientX = 12.5, clientY = 7, button = 2, shiftKey = true, type = "click", extra = "ignored" });

        Assert.Equal("12.5,7,2,True,click", page.Find("#mouse").TextContent);
    }

    [Fact]
    public async Task WrongTypedEventFieldIsRejectedAndTheViewGoesOn()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<EventArgsProbe>();

        var error = await Assert.ThrowsAsync<ViewErrorException>(() => page.ClickAsync("#probe", new { clientX = "left" }));

        Assert.Equal(ErrorCodes.BadEventArgs, error.Code);
        Assert.Equal(ErrorCodes.BadEventArgs, Assert.IsType<ProtocolException>(error.InnerException).Code);
        Assert.Equal("none", page.Find("#mouse").TextContent);
        await page.ClickAsync("#probe");
        Assert.Equal("0,0,0,False,click", page.Find("#mouse").TextContent);
    }

    [Fact]
    public async Task EventArgumentsThatAreNotAnObjectAreRejected()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<EventArgsProbe>();
        var target = page.Find("#probe").GetAttribute(ProtocolConstants.TargetAttribute)!;

        var error = await Assert.ThrowsAsync<ViewErrorException>(() =>
            page.DispatchEventAsync(target, "click", JsonSerializer.SerializeToElement(new[] { 1, 2 })));

        Assert.Equal(ErrorCodes.BadEventArgs, error.Code);
    }

    [Fact]
    public async Task KeyDownHandlerReceivesTheKey()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<EventArgsProbe>();

        await page.KeyDownAsync("#keys", "Enter");

        Assert.Equal("Enter/Enter/False", page.Find("#key").TextContent);
    }

    [Fact]
    public async Task ElementWhoseHandlerDisappearedAnswersNoHandler()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<HandlerToggle>();
        var fire = page.Find("#fire").GetAttribute(ProtocolConstants.TargetAttribute)!;
        await page.ClickAsync("#fire");
        Assert.Equal("1", page.Find("#fired").TextContent);

        await page.ClickAsync("#disarm");

        Assert.False(page.Find("#fire").HasAttribute(ProtocolConstants.TargetAttribute));
        // A browser that clicked before the update arrived still sends the old reference.
        var error = await Assert.ThrowsAsync<ViewErrorException>(() => page.DispatchEventAsync(fire, "click"));
        Assert.Equal(ErrorCodes.NoHandler, error.Code);
        Assert.Equal("1", page.Find("#fired").TextContent);
    }

    [Fact]
    public async Task RemovedElementAnswersNoHandler()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<HandlerToggle>();
        var extra = page.Find("#extra").GetAttribute(ProtocolConstants.TargetAttribute)!;

        await page.ClickAsync("#disarm");

        Assert.Empty(page.FindAll("#extra"));
        var error = await Assert.ThrowsAsync<ViewErrorException>(() => page.DispatchEventAsync(extra, "click"));
        Assert.Equal(ErrorCodes.NoHandler, error.Code);
    }

    [Fact]
    public async Task HandlerForAnotherEventOfTheSameElementAnswersNoHandler()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<HandlerToggle>();
        var fire = page.Find("#fire").GetAttribute(ProtocolConstants.TargetAttribute)!;

        var error = await Assert.ThrowsAsync<ViewErrorException>(() => page.DispatchEventAsync(fire, "dblclick"));

        Assert.Equal(ErrorCodes.NoHandler, error.Code);
    }
}
