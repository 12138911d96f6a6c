using RazorFaces.Protocol;
using RazorFaces.State;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Views;

/// <summary>
/// A view record another build wrote, whose saved component state no longer fits this build's component (a
/// <c>[ViewState]</c> member changed type): the page starts afresh with a logged reason, never an error.
/// </summary>
public sealed class UnfitRecordTests
{
    [Fact]
    public async Task ViewWhoseSavedComponentStateNoLongerFitsStartsAfreshInsteadOfFailing()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync();
        using var browser = server.NewBrowser();
        var view = await browser.OpenAsync("counter");
        await view.ClickAsync("#increment");
        await view.ClickAsync("#increment");
        var oldId = view.ViewId;
        // What the next build's counter cannot read: its int became a string here.
        await server.ChangeStoredRecordAsync(browser.SessionId, oldId, record =>
        {
            foreach (var key in record.Components.Keys.Where(k => record.Components[k].ToString().Contains("\"count\"", StringComparison.Ordinal)).ToList())
            {
                record.Components[key] = new StateValue(SessionFormat.Json, """{"count":"two"}"""u8.ToArray());
            }
        });
        await server.Registry().RemoveAllAsync();

        var answer = await view.ClickAsync("#increment");

        Assert.True(answer.IsSuccess, answer.ToString());
        var refresh = Assert.Single(answer.Messages);
        Assert.Equal(MessageTypes.Refresh, refresh.Type);
        Assert.NotEqual(oldId, view.ViewId);
        Assert.Contains(view.Text("#count"), new[] { "0", "1" });
        Assert.True(server.Logs.Contains("could not be rebuilt from its saved state"), string.Join("\n", server.Logs.Entries));
    }
}
