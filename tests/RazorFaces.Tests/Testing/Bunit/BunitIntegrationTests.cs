using Bunit;
using Microsoft.Extensions.DependencyInjection;
using RazorFaces.Testing;
using RazorFaces.Tests.Beans;

namespace RazorFaces.Tests.Testing.Bunit;

/// <summary>
/// bUnit for page authors (issue #14, item 3): a BunitContext set up with <c>ctx.AddRazorFaces()</c> is a tab of a
/// RazorFaces session, and the extras (tabs, a rebuild on another node, the wire pipeline) sit on bUnit's own API.
/// </summary>
public sealed class BunitIntegrationTests : IDisposable
{
    // A wait for a condition, long enough for a loaded machine; it ends as soon as the condition holds.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly BunitContext _ctx = new();

    public BunitIntegrationTests()
    {
        _ctx.AddRazorFaces();
        _ctx.Services.AddSessionBean<TallyBean>();
        _ctx.Services.AddViewBean<ProbeViewBean>();
    }

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public void TwoTabsOfOneSessionShareASessionBeanButEachHasItsOwnViewBean()
    {
        var first = _ctx.Render<StateProbe>();
        first.Find("#bump-beans").Click();
        first.Find("#bump-beans").Click();

        var secondTab = _ctx.OpenTab();
        var second = secondTab.Render<StateProbe>();

        Assert.Equal("2", second.Find("#tally").TextContent);
        Assert.Equal("0", second.Find("#notes").TextContent);
        Assert.Same(_ctx.Services.GetRequiredService<TallyBean>(), secondTab.Services.GetRequiredService<TallyBean>());
        Assert.Equal(_ctx.GetRazorFacesSession().Id, secondTab.GetRazorFacesSession().Id);

        second.Find("#bump-beans").Click();
        first.Render();
        Assert.Equal("3", first.Find("#tally").TextContent);
        Assert.Equal("2", first.Find("#notes").TextContent);
    }

    [Fact]
    public void AnotherSessionOnTheSameNodeHasItsOwnSessionBeans()
    {
        var first = _ctx.Render<StateProbe>();
        first.Find("#bump-beans").Click();

        var otherSession = _ctx.OpenSession();
        var other = otherSession.Render<StateProbe>();

        Assert.Equal("0", other.Find("#tally").TextContent);
        Assert.Equal("1", first.Find("#tally").TextContent);
        Assert.NotEqual(_ctx.GetRazorFacesSession().Id, otherSession.GetRazorFacesSession().Id);
    }

    [Fact]
    public void ViewStateAndBeansSurviveARebuildOnAnotherNodeAndAPlainFieldDoesNot()
    {
        var cut = _ctx.Render<StateProbe>();
        cut.Find("#bump").Click();
        cut.Find("#bump").Click();
        cut.Find("#bump-beans").Click();
        cut.Find(".child-a").Click();
        cut.Find(".child-deep").Click();
        cut.Find(".child-deep").Click();
        cut.Find(".child-deep").Click();

        var rebuilt = cut.RebuildOnAnotherNode();

        Assert.Equal("2", rebuilt.Find("#saved").TextContent);
        Assert.Equal("0", rebuilt.Find("#lost").TextContent);
        Assert.Equal("1", rebuilt.Find("#tally").TextContent);
        Assert.Equal("1", rebuilt.Find("#notes").TextContent);
        Assert.Equal("deep: 3", rebuilt.Find(".child-deep").TextContent);
        Assert.Equal("a: 1", rebuilt.Find(".child-a").TextContent);
        Assert.Equal("b: 0", rebuilt.Find(".child-b").TextContent);
        // Another node: its own container, so its own bean instances, read back from the stored bytes.
        Assert.NotSame(cut.Services.GetRequiredService<TallyBean>(), rebuilt.Services.GetRequiredService<TallyBean>());
        Assert.NotSame(cut.Instance, rebuilt.Instance);
    }

    [Fact]
    public void SurvivesRebuildFailsWhenSomethingTheUserSeesIsNotSaved()
    {
        var cut = _ctx.Render<StateProbe>();
        cut.Find(".child-b").Click();

        cut.SurvivesRebuild();

        cut.Find("#bump").Click();
        var failure = Assert.Throws<HtmlEqualException>(() => cut.SurvivesRebuild());
        Assert.Contains("StateProbe rendered differently after a rebuild", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARebuildWorksInTheJsonSessionFormatToo()
    {
        using var ctx = new BunitContext();
        ctx.AddRazorFaces(o => o.Sessions.Format = SessionFormat.Json);
        ctx.Services.AddSessionBean<TallyBean>();
        ctx.Services.AddViewBean<ProbeViewBean>();
        var cut = ctx.Render<StateProbe>();
        cut.Find(".child-deep").Click();

        var rebuilt = cut.RebuildOnAnotherNode();

        Assert.Equal("deep: 1", rebuilt.Find(".child-deep").TextContent);
        Assert.IsType<RazorFaces.State.JsonSessionSerializer>(rebuilt.Services.GetRequiredService<RazorFaces.State.ISessionSerializer>());
    }

    [Fact]
    public void SessionControlRequestsReachTheSession()
    {
        var session = _ctx.GetRazorFacesSession();
        var cut = _ctx.Render<SessionControlProbe>();
        Assert.False(session.IsInvalidated);
        Assert.False(session.IsIdRotationRequested);

        cut.Find("#login").Click();
        Assert.True(session.IsIdRotationRequested);
        Assert.False(session.IsInvalidated);

        cut.Find("#logout").Click();
        Assert.True(session.IsInvalidated);
    }

    [Fact]
    public void APushReRendersEveryTabInTheGroupAfterItsHandlerReloadedAndNotATabThatLeft()
    {
        _ctx.Services.AddSingleton<PushFeed>();
        var sender = _ctx.Render<PushProbe>();
        var listener = _ctx.OpenSession().Render<PushProbe>();
        var leaver = _ctx.OpenTab().Render<PushProbe>();
        leaver.Find("#leave").Click();

        sender.Find("#publish").Click();

        listener.WaitForAssertion(() => Assert.Equal("1", listener.Find("#seen").TextContent), Patience);
        sender.WaitForAssertion(() => Assert.Equal("1", sender.Find("#seen").TextContent), Patience);
        Assert.Equal("0", leaver.Find("#seen").TextContent);
    }

    [Fact]
    public void AClosedTabLeavesItsPushGroups()
    {
        _ctx.Services.AddSingleton<PushFeed>();
        var sender = _ctx.Render<PushProbe>();
        var closed = _ctx.OpenSession();
        closed.Render<PushProbe>();
        Assert.Equal(2, BunitTab.Of(_ctx).Node.Members("feed").Length);
        closed.Dispose();

        Assert.Single(BunitTab.Of(_ctx).Node.Members("feed"));
        sender.Find("#publish").Click();

        sender.WaitForAssertion(() => Assert.Equal("1", sender.Find("#seen").TextContent), Patience);
    }

    [Fact]
    public void InvokeAsyncRunsWorkOutsideAnEventAndReRendersTheTab()
    {
        _ctx.Services.AddSingleton<PushFeed>();
        var cut = _ctx.Render<PushProbe>();

        cut.Find("#invoke").Click();

        cut.WaitForAssertion(() => Assert.Equal("done", cut.Find("#later").TextContent), Patience);
    }

    [Fact]
    public async Task TheWirePipelineRunsTheSameSetupAndChecksEveryPatch()
    {
        var page = await _ctx.RenderOnWireAsync<StateProbe>();

        await page.ClickAsync("#bump-beans");
        await page.ClickAsync(".child-a");

        Assert.Equal("1", page.Find("#tally").TextContent);
        Assert.Equal("a: 1", page.Find(".child-a").TextContent);
        Assert.NotEmpty(page.LastPatches);
    }

    [Fact]
    public void ASecondTabHasTheTestsRegistrationsWithTheSameSingletonsEvenOfAKindBunitRegistersToo()
    {
        using var http = new HttpClient { BaseAddress = new Uri("http://shop.test/") };
        _ctx.Services.AddSingleton(http);
        _ctx.Services.AddSingleton<PushFeed>();
        _ctx.Services.GetRequiredService<PushFeed>().Value = 7;

        var tab = _ctx.OpenTab();

        Assert.Same(http, tab.Services.GetRequiredService<HttpClient>());
        Assert.Same(_ctx.Services.GetRequiredService<PushFeed>(), tab.Services.GetRequiredService<PushFeed>());
        Assert.NotSame(_ctx.Services.GetRequiredService<ProbeViewBean>(), tab.Services.GetRequiredService<ProbeViewBean>());
    }

    [Fact]
    public void NavigationAndJavaScriptInteropStayBunits()
    {
        Assert.IsType<global::Bunit.TestDoubles.BunitNavigationManager>(_ctx.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>());
        Assert.Same(_ctx.JSInterop.JSRuntime, _ctx.Services.GetRequiredService<Microsoft.JSInterop.IJSRuntime>());
    }

    [Fact]
    public void WithoutAddRazorFacesTheExtrasSaySo()
    {
        using var plain = new BunitContext();

        var failure = Assert.Throws<InvalidOperationException>(plain.OpenTab);

        Assert.Contains("AddRazorFaces", failure.Message, StringComparison.Ordinal);
    }
}
