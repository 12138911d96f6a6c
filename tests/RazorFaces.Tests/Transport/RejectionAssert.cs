using System.Net;
using RazorFaces.Tests.Support;

namespace RazorFaces.Tests.Transport;

/// <summary>What every rejected request must satisfy (docs/protocol.md, "Errors").</summary>
internal static class RejectionAssert
{
    /// <summary>
    /// Sends a bad request on the view and checks that it got <paramref name="status"/> with an error object of
    /// <paramref name="code"/>, that the reason was logged, and that the view is as it was on the server.
    /// </summary>
    public static async Task<ServerAnswer> RejectedHarmlesslyAsync(
        RazorFacesTestServer server, ViewClient view, Func<Task<ServerAnswer>> send, HttpStatusCode status, string code)
    {
        var before = await view.ServerHtmlAsync();
        var number = view.Number;

        var answer = await send();

        Assert.Equal(status, answer.Status);
        Assert.Equal(code, answer.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(answer.ErrorReason), answer.ToString());
        Assert.True(server.Logs.Contains(answer.ErrorReason!), $"The reason '{answer.ErrorReason}' was not logged.");
        Assert.Equal(number, view.Number);
        Assert.True(HtmlComparison.AreEquivalent(before, await view.ServerHtmlAsync()), "The bad request changed the view.");
        Assert.True(HtmlComparison.AreEquivalent(before, view.Html), "The client's DOM changed.");
        return answer;
    }

    /// <summary>
    /// What the server logged since <paramref name="mark"/> is one warning with <paramref name="reason"/> and nothing
    /// worse: no error, no exception (bad input is the client's mistake, never an unhandled exception).
    /// </summary>
    public static void LoggedOneWarning(RazorFacesTestServer server, int mark, string reason)
    {
        var logged = server.Logs.Since(mark).Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).ToList();
        var warning = Assert.Single(logged);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, warning.Level);
        Assert.Contains(reason, warning.Message, StringComparison.Ordinal);
        Assert.Null(warning.Exception);
        Assert.DoesNotContain(server.Logs.Since(mark), e => e.Exception is not null);
    }

    /// <summary>A click on the counter still counts, and the client stays in step with the server.</summary>
    public static async Task CounterStillWorksAsync(ViewClient view)
    {
        var count = int.Parse(view.Text("#count"), System.Globalization.CultureInfo.InvariantCulture);
        var answer = await view.ClickAsync("#increment");
        Assert.True(answer.IsSuccess, answer.ToString());
        Assert.Equal((count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), view.Text("#count"));
        Assert.True(await view.IsInSyncWithServerAsync(), view.Html);
    }
}
