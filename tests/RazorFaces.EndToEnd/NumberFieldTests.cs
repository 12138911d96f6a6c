using Microsoft.Playwright;
using RazorFaces.EndToEnd.Support;

namespace RazorFaces.EndToEnd;

/// <summary>An int bound on every keystroke (Demo.App's /test-hooks/number-field): the server rewrites the typed text.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NumberFieldTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("#number", "#number-value")]
    [InlineData("#number-typed", "#typed-value")]
    public async Task TypingIntoAnIntFieldShowingZeroGivesTheNumberTyped(string field, string shown)
    {
        var tab = await fixture.NewPageAsync("test-hooks/number-field");
        await tab.ClickAsync(field);
        await tab.Keyboard.PressAsync("End");

        // Each key waits for the server's answer, so every rewrite lands while the field has focus.
        await tab.Keyboard.PressAsync("Backspace");
        await Assertions.Expect(tab.Locator(field)).ToHaveValueAsync("0");
        await tab.Keyboard.TypeAsync("4");
        await Assertions.Expect(tab.Locator(shown)).ToHaveTextAsync("4");
        await Assertions.Expect(tab.Locator(field)).ToHaveValueAsync("4");
        await tab.Keyboard.TypeAsync("2");
        await Assertions.Expect(tab.Locator(shown)).ToHaveTextAsync("42");

        await Assertions.Expect(tab.Locator(field)).ToHaveValueAsync("42");
    }
}
