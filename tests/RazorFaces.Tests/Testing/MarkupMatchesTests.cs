using RazorFaces.Testing;
using RazorFaces.Tests.TestComponents;

namespace RazorFaces.Tests.Testing;

public sealed class MarkupMatchesTests
{
    [Fact]
    public async Task WhitespaceAttributeOrderClassOrderAndFrameworkAttributesDoNotCount()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<ParameterHost>();

        page.MarkupMatches("""
            <span id="badge-clicks" class="badge">clicks:   0</span>
            <span class="badge" id="badge-fixed">fixed: 7</span>
            <button id="click">Click</button>
            """);
    }

    [Fact]
    public async Task DifferentTextIsReportedWithWhereItDiffers()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<Greeting>(new Dictionary<string, object?> { ["Name"] = "Ada" });

        var error = Assert.Throws<MarkupMismatchException>(() =>
            page.MarkupMatches("""<p id="greeting" class="plain">Hello, Grace!</p><div id="content"></div>"""));

        Assert.Contains("text \"Hello, Grace!\" expected, \"Hello, Ada!\" found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingAttributeIsAMismatch()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<Greeting>();

        var error = Assert.Throws<MarkupMismatchException>(() =>
            page.Find("#greeting").MarkupMatches("""<p id="greeting">Hello, nobody!</p>"""));

        Assert.Contains("attribute class=(absent) expected, \"plain\" found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtraElementIsAMismatch()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<Greeting>();

        Assert.Throws<MarkupMismatchException>(() =>
            page.MarkupMatches("""<p id="greeting" class="plain">Hello, nobody!</p>"""));
    }

    [Fact]
    public async Task FormValuesCompareAsTheBrowserShowsThem()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<ValidatedForm>();

        await page.ChangeAsync("#color", "red");
        await page.ChangeAsync("#notes", "a note");

        page.Find("#color").MarkupMatches("""
            <select id="color" name="model.Color" class="valid modified">
              <option value="">Pick one</option>
              <option value="red" selected>Red</option>
              <option value="green">Green</option>
            </select>
            """);
        page.Find("#notes").MarkupMatches("""<textarea id="notes" name="model.Notes" class="valid modified">a note</textarea>""");
    }
}
