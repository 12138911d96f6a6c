using RazorFaces.Protocol;
using RazorFaces.Testing;
using RazorFaces.Tests.TestComponents;
using RazorFaces.Views;

namespace RazorFaces.Tests.Rendering;

public sealed class ErrorHandlingTests
{
    [Fact]
    public async Task ErrorBoundaryShowsItsErrorContentAndTheViewGoesOn()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<ErrorBoundaryHost>();
        Assert.Equal("Still fine.", page.Find("#thrower").TextContent);

        await page.ClickAsync("#arm");

        Assert.Equal("Something went wrong.", page.Find("#boundary-error").TextContent);
        Assert.Empty(page.FindAll("#thrower"));
        await page.ClickAsync("#count");
        Assert.Equal("1", page.Find("#clicks").TextContent);
    }

    [Fact]
    public async Task UnhandledExceptionInAHandlerFailsTheView()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<Exploder>();

        var error = await Assert.ThrowsAsync<ViewErrorException>(() => page.ClickAsync("#explode"));

        Assert.Equal(ErrorCodes.ViewFailed, error.Code);
        var inner = Assert.IsType<ProtocolException>(error.InnerException);
        Assert.Equal("Exploded in a handler.", inner.InnerException?.Message);
    }

    [Fact]
    public async Task FailedViewAnswersEveryLaterEventWithViewFailed()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<Exploder>();
        await Assert.ThrowsAsync<ViewErrorException>(() => page.ClickAsync("#explode"));

        var error = await Assert.ThrowsAsync<ViewErrorException>(() => page.ClickAsync("#count"));

        Assert.Equal(ErrorCodes.ViewFailed, error.Code);
    }

    [Fact]
    public async Task UnhandledExceptionDuringTheFirstRenderFailsTheRender()
    {
        await using var ctx = new RazorFacesTestContext();

        var error = await Assert.ThrowsAsync<ViewErrorException>(() =>
            ctx.RenderAsync<Exploder>(new Dictionary<string, object?> { ["ExplodeOnFirstRender"] = true }));

        Assert.Equal(ErrorCodes.ViewFailed, error.Code);
    }
}
