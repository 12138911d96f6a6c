using Bunit;
using Microsoft.Extensions.DependencyInjection;
using RazorFaces.Testing;
using RazorFacesApp.Pages;

namespace RazorFacesApp.Tests;

/// <summary>
/// The counter page with bUnit, as one tab of a RazorFaces session (<c>AddRazorFaces</c>): its session bean is
/// injected as on the server, a second tab shares it, and a rebuild on another node keeps it. The last test runs the
/// page through the real RazorFaces pipeline, where every answer is applied as the browser would apply it.
/// </summary>
public sealed class CounterPageTests : IDisposable
{
    private readonly BunitContext _ctx = new();

    public CounterPageTests()
    {
        _ctx.AddRazorFaces();
        // What Program.cs registers that the pages use.
        _ctx.Services.AddSessionBean<CounterBean>();
    }

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public void EachClickCountsOnce()
    {
        var counter = _ctx.Render<Counter>();

        counter.Find("#increment").Click();
        counter.Find("#increment").Click();

        counter.Find("#count").MarkupMatches("<span id=\"count\">2</span>");
    }

    [Fact]
    public void ASecondTabOfTheSessionShowsTheSameCount()
    {
        _ctx.Render<Counter>().Find("#increment").Click();

        var secondTab = _ctx.OpenTab().Render<Counter>();

        secondTab.Find("#count").MarkupMatches("<span id=\"count\">1</span>");
    }

    [Fact]
    public void TheCountSurvivesAnotherNodeTakingTheSessionOver()
    {
        var counter = _ctx.Render<Counter>();
        counter.Find("#increment").Click();

        counter.SurvivesRebuild();
    }

    [Fact]
    public async Task AnUnknownAddressShowsTheNotFoundContentInTheLayout()
    {
        var page = await _ctx.RenderRouteOnWireAsync<App>("/no-such-page");

        Assert.Equal("Not found", page.Find("h1").TextContent);
        Assert.NotNull(page.Find("nav a[href='counter']"));
    }
}
