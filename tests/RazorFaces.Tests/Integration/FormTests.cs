using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Integration;

public sealed class FormTests(DemoServerFixture fixture) : IClassFixture<DemoServerFixture>
{
    [Fact]
    public async Task AnInvalidSubmitShowsValidationMessagesAndAValidOneSignsUp()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("form");

        var invalid = await view.SubmitAsync("form");

        Assert.True(invalid.IsSuccess, invalid.ToString());
        Assert.Contains("Please enter your email.", view.Html);
        Assert.Contains("Please enter your name.", view.Html);
        Assert.False(view.Has("#success"));
        Assert.True(await view.IsInSyncWithServerAsync(), view.Html);

        await view.ChangeAsync("#email", "ada@example.org");
        await view.ChangeAsync("#name", "Ada");
        Assert.DoesNotContain("Please enter", view.Html);

        var valid = await view.SubmitAsync("form");

        Assert.True(valid.IsSuccess, valid.ToString());
        Assert.Equal("Thanks, Ada! You are signed up.", view.Text("#success"));
        Assert.True(await view.IsInSyncWithServerAsync(), view.Html);
    }

    [Fact]
    public async Task ValidationMessagesSurviveARefreshBecauseTheFormNestsThemValidly()
    {
        // Broke when the demo wrapped ValidationMessage (a div) in a <p>: the refresh HTML parsed into another
        // tree than the server's, and the next patch did not fit.
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("form");
        await view.SubmitAsync("form");

        var refreshed = await view.ResyncAsync();
        Assert.Equal("refresh", Assert.Single(refreshed.Messages).Type);
        await view.ChangeAsync("#email", "ada@example.org");

        Assert.DoesNotContain("Please enter your email.", view.Html);
        Assert.Contains("Please enter your name.", view.Html);
        Assert.True(await view.IsInSyncWithServerAsync(), view.Html);
    }

    [Fact]
    public async Task AnInvalidEmailKeepsTheFormFromSigningUp()
    {
        using var browser = fixture.Server.NewBrowser();
        var view = await browser.OpenAsync("form");

        await view.ChangeAsync("#email", "not-an-email");
        await view.ChangeAsync("#name", "Ada");
        await view.SubmitAsync("form");

        Assert.Contains("That is not an email address.", view.Html);
        Assert.False(view.Has("#success"));
        Assert.True(await view.IsInSyncWithServerAsync(), view.Html);
    }
}
