using Microsoft.Playwright;
using RazorFaces.EndToEnd.Support;

namespace RazorFaces.EndToEnd;

/// <summary>
/// Markup that a browser's HTML parser rewrites when it meets it as HTML (Demo.App's /test-hooks/parser-rewrites
/// pages). The browser must hold exactly the DOM the server models, on the first page and after every patch.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ParserRewriteTests(BrowserFixture fixture)
{
    // Regression: the parser closed the <p> before the <div>, moved the <div> out of the <table>, split the nested
    // <a> and dropped the inner <form>. Every patch below them missed; the client resynced, and the refresh went
    // through the parser again, so no update ever arrived as a patch there.
    [Theory]
    [InlineData("div-in-paragraph", "p > div + span#count")]
    [InlineData("div-in-table", "table > div > span#count")]
    [InlineData("link-in-link", "a[href='#outer'] > a[href='#inner'] + span#count")]
    [InlineData("form-in-form", "form > form > label > span#count")]
    public async Task UpdatesKeepArrivingBelowMarkupTheParserWouldRewrite(string page, string modelled)
    {
        var tab = await fixture.NewPageAsync("test-hooks/parser-rewrites/" + page);
        // The client saw that the parser built another tree and asked for the page once more, built exactly.
        await Assertions.Expect(tab.Locator(modelled)).ToHaveTextAsync("0");
        Assert.Equal(1, await tab.EvaluateAsync<int>("() => window.RazorFaces.stats.fullRefreshes"));

        for (var i = 1; i <= 3; i++)
        {
            await tab.ClickAsync("#increment");
            await Assertions.Expect(tab.Locator(modelled)).ToHaveTextAsync(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(3, await tab.EvaluateAsync<int>("() => window.RazorFaces.stats.updates"));
        Assert.Equal(1, await tab.EvaluateAsync<int>("() => window.RazorFaces.stats.fullRefreshes"));
    }

    // Regression: only options that were direct children of the select were marked selected.
    [Fact]
    public async Task TheBoundOptionInsideAnOptgroupIsSelectedOnTheFirstPage()
    {
        var tab = await fixture.NewPageAsync("test-hooks/parser-rewrites/options-in-groups");

        await Assertions.Expect(tab.Locator("#colour")).ToHaveValueAsync("orange");
    }

    // Regression: the select's value was set before the new option existed, and the inserted option was not marked.
    [Fact]
    public async Task AnOptionAddedAndBoundInOneUpdateIsSelected()
    {
        var tab = await fixture.NewPageAsync("test-hooks/parser-rewrites/options-in-groups");

        await tab.ClickAsync("#add-colour");

        await Assertions.Expect(tab.Locator("#count")).ToHaveTextAsync("purple");
        await Assertions.Expect(tab.Locator("#colour")).ToHaveValueAsync("purple");
        await tab.SelectOptionAsync("#colour", "blue");
        await Assertions.Expect(tab.Locator("#count")).ToHaveTextAsync("blue");
        await Assertions.Expect(tab.Locator("#colour")).ToHaveValueAsync("blue");
        Assert.Equal(0, await tab.EvaluateAsync<int>("() => window.RazorFaces.stats.fullRefreshes"));
    }
}
