using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using RazorFaces.Protocol;
using RazorFaces.Testing;
using RazorFaces.Tests.Support.TestPages;

namespace RazorFaces.Tests.Rendering;

/// <summary>JS interop in component tests: the harness plays the browser's part.</summary>
public class JSInteropComponentTests
{
    [Fact]
    public async Task TheViewsRuntimeIsAnIJSRuntimeButNoInProcessOneAsOnBlazorServer()
    {
        await using var ctx = new RazorFacesTestContext();
        ctx.Services.AddSingleton(new InteropProbe());
        await ctx.RenderAsync<InteropPage>();

        var runtime = ctx.ServiceProvider.GetRequiredService<InteropProbe>().Runtime;

        Assert.IsNotAssignableFrom<IJSInProcessRuntime>(runtime);
    }

    [Fact]
    public async Task OnAfterRenderAsyncCallsJavaScriptAndRendersItsAnswer()
    {
        await using var ctx = new RazorFacesTestContext();
        ctx.Services.AddSingleton(new InteropProbe());
        var page = await ctx.RenderAsync<InteropPage>();

        var call = await page.JSCallAsync("it.first");
        await page.AnswerJSAsync(call, "\"from the test\"");

        Assert.Equal("from the test", page.Find("#first").TextContent);
    }

    [Fact]
    public async Task FocusAsyncNamesTheElementByItsDataRfReference()
    {
        await using var ctx = new RazorFacesTestContext();
        ctx.Services.AddSingleton(new InteropProbe());
        var page = await ctx.RenderAsync<InteropPage>();

        await page.ClickAsync("#focus");
        var call = await page.JSCallAsync("Blazor._internal.domWrapper.focus");

        Assert.Equal(page.Find("#name").GetAttribute(ProtocolConstants.TargetAttribute), call.Arguments[0].GetProperty("__internalId").GetString());
    }

    [Fact]
    public async Task AnElementReferenceStillNamesItsElementWhenTheComponentRenderedAgainBeforeTheDomWasBuilt()
    {
        // Regression: QuickGrid's table (and its Virtualize's spacers) reached JavaScript as null, because Blazor gives
        // a kept element's capture frame no id and the view recorded ids only when it built the DOM.
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<LateRefPage>();

        var call = await page.JSCallAsync("it.late");

        Assert.Equal("loaded", page.Find("#state").TextContent);
        Assert.Equal(page.Find("#late").GetAttribute(ProtocolConstants.TargetAttribute), call.Arguments[0].GetProperty("__internalId").GetString());
    }
}
