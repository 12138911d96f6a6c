using RazorFaces.Testing;
using RazorFaces.Tests.TestComponents;

namespace RazorFaces.Tests.Rendering;

public sealed class EditFormTests
{
    [Fact]
    public async Task InvalidSubmitShowsEveryValidationMessageAndSkipsOnValidSubmit()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<ValidatedForm>();
        Assert.Empty(page.FindAll(".validation-message"));

        await page.SubmitAsync("form");

        Assert.Equal(
            ["Name is required.", "Age must be 18 to 120.", "Accept the terms.", "Pick a color.", "Birthday is required."],
            page.FindAll(".validation-message").Select(m => m.TextContent));
        Assert.Equal("invalid 1", page.Find("#result").TextContent);
        Assert.Contains("invalid", page.Find("#name").ClassList);
    }

    [Fact]
    public async Task ChangingAFieldValidatesThatFieldAtOnce()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<ValidatedForm>();

        await page.ChangeAsync("#age", "7");

        Assert.Equal("Age must be 18 to 120.", Assert.Single(page.FindAll(".validation-message")).TextContent);
        Assert.Equal("7", page.Find("#age").GetAttribute("value"));

        await page.ChangeAsync("#age", "30");

        Assert.Empty(page.FindAll(".validation-message"));
    }

    [Fact]
    public async Task ValidSubmitRunsOnValidSubmitWithEveryInputsValue()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<ValidatedForm>();

        await page.ChangeAsync("#name", "Ada");
        await page.ChangeAsync("#age", "36");
        await page.ChangeAsync("#terms", true);
        await page.ChangeAsync("#color", "green");
        await page.ChangeAsync("#notes", "<engines> & math");
        await page.ChangeAsync("#birthday", "1815-12-10");
        await page.SubmitAsync("form");

        Assert.Empty(page.FindAll(".validation-message"));
        Assert.Equal("saved Ada, 36, green, <engines> & math, 1815-12-10", page.Find("#result").TextContent);
        Assert.Equal("green", page.Find("#color").GetAttribute("value"));
        Assert.True(page.Find("#terms").HasAttribute("checked"));
    }

    [Fact]
    public async Task FixingTheFieldsAfterAnInvalidSubmitClearsTheirMessages()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<ValidatedForm>();
        await page.SubmitAsync("form");

        await page.ChangeAsync("#name", "Much too long a name");
        await page.ChangeAsync("#color", "red");

        var messages = page.FindAll(".validation-message").Select(m => m.TextContent).ToList();
        Assert.Contains("Name is too long.", messages);
        Assert.DoesNotContain("Name is required.", messages);
        Assert.DoesNotContain("Pick a color.", messages);
    }
}
