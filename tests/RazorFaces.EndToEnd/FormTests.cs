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
        // This test failed twice in full CI runs (a valid submit never showed its success line) and never alone:
        // what the client saw and sent is kept, and told if it fails again.
        var seen = new List<string>();
        page.Console += (_, message) => seen.Add("console: " + message.Text);
        page.Request += (_, request) => seen.Add($"{request.Method} {request.Url} {request.PostData}");
        page.WebSocket += (_, socket) => socket.FrameSent += (_, frame) => seen.Add("hub sent: " + frame.Text);

        await page.ClickAsync("#submit");
        await Assertions.Expect(page.Locator(".validation-message")).ToHaveTextAsync(["Please enter your email.", "Please enter your name."]);
        Assert.Equal(0, await page.Locator("#success").CountAsync());

        await page.FillAsync("#email", "not-an-email");
        await page.FillAsync("#name", "Ada");
        await page.ClickAsync("#submit");
        await Assertions.Expect(page.Locator(".validation-message")).ToHaveTextAsync(["That is not an email address."]);

        await page.FillAsync("#email", "ada@example.org");
        // Leaving the field validates it, and its message goes: the button moves up. Clicking straight away raced that
        // update — when it landed between the click's mousedown and mouseup, the mouseup hit below the moved button,
        // the browser fired no click and so no submit (the likely cause of two CI failures here). A user who tabs out
        // first sees the same.
        await page.Locator("#email").BlurAsync();
        await Assertions.Expect(page.Locator(".validation-message")).ToHaveCountAsync(0);
        await page.ClickAsync("#submit");
        try
        {
            await Assertions.Expect(page.Locator("#success")).ToHaveTextAsync("Thanks, Ada! You are signed up.");
        }
        catch (PlaywrightException e)
        {
            var stats = await page.EvaluateAsync<string>("() => JSON.stringify(window.RazorFaces.stats)");
            var output = fixture.Node.Output;
            throw new InvalidOperationException(
                $"{e.Message}\nclient stats: {stats}\nseen:\n{string.Join("\n", seen)}\nnode:\n{output[^Math.Min(output.Length, 4000)..]}", e);
        }
        await Assertions.Expect(page.Locator(".validation-message")).ToHaveCountAsync(0);
        // The page never posted itself: still the same document, still connected.
        Assert.Equal("connected", await page.GetAttributeAsync("html", "data-rf-status"));
    }
}
