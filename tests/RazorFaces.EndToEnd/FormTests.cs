using Microsoft.Playwright;
using RazorFaces.EndToEnd.Support;

namespace RazorFaces.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class FormTests(BrowserFixture fixture)
{
    [Fact]
    public async Task InvalidSubmitShowsValidationMessagesThenAValidSubmitSucceeds()
    {
        var page = await fixture.NewPageAsync("form");

        await page.ClickAsync("#submit");
        await Assertions.Expect(page.Locator(".validation-message")).ToHaveTextAsync(["Please enter your email.", "Please enter your name."]);
        Assert.Equal(0, await page.Locator("#success").CountAsync());

        await page.FillAsync("#email", "not-an-email");
        await page.FillAsync("#name", "Ada");
        await page.ClickAsync("#submit");
        await Assertions.Expect(page.Locator(".validation-message")).ToHaveTextAsync(["That is not an email address."]);

        await page.FillAsync("#email", "ada@example.org");
        await page.ClickAsync("#submit");
        await Assertions.Expect(page.Locator("#success")).ToHaveTextAsync("Thanks, Ada! You are signed up.");
        await Assertions.Expect(page.Locator(".validation-message")).ToHaveCountAsync(0);
        // The page never posted itself: still the same document, still connected.
        Assert.Equal("connected", await page.GetAttributeAsync("html", "data-rf-status"));
    }
}
