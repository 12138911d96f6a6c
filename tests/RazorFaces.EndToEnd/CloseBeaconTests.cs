using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RazorFaces.EndToEnd.Support;

namespace RazorFaces.EndToEnd;

/// <summary>
/// Hardening row 10 made <c>POST /_rf/send</c> refuse everything but application/json. The close message is the one
/// the client sends with <c>navigator.sendBeacon</c>, which cannot set headers: what Chromium really sends must pass.
/// </summary>
public sealed partial class CloseBeaconTests
{
    [Fact]
    public async Task TheCloseBeaconOfAPageGoingAwayIsSentAsJsonAndServed()
    {
        // A long-poll node (over SignalR, close goes through the hub) that logs every request: the browser does not
        // report a request sent while its page unloads, so the node's log is where the beacon is seen.
        await using var node = await DemoNode.StartAsync(
            "e2e-beacon", "--transport", "longpoll", "--Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics=Information");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = node.Address.ToString() });
        var page = await Chromium.OpenAsync(context, "counter");

        // The page goes away (pagehide): the client releases its view with a beacon. Nothing else of this page POSTs.
        await page.GotoAsync("about:blank");
        var finished = await WaitForAsync(() => SendFinished().Match(node.Output), node);

        Assert.StartsWith("200", finished.Groups["status"].Value, StringComparison.Ordinal);
        var started = SendStarted().Match(node.Output);
        Assert.True(started.Success, node.Output);
        Assert.StartsWith("application/json", started.Groups["type"].Value, StringComparison.Ordinal);
        Assert.DoesNotContain("unsupported-media-type", node.Output, StringComparison.Ordinal);
    }

    private static async Task<Match> WaitForAsync(Func<Match> find, DemoNode node)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        for (var match = find(); ; match = find())
        {
            if (match.Success)
            {
                return match;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The beacon never reached the node:\n{node.Output}");
            }
            // The node's output arrives asynchronously; poll it with an overall deadline.
            await Task.Delay(50);
        }
    }

    // "Request starting HTTP/1.1 POST http://…/_rf/send - application/json 43"
    [GeneratedRegex(@"Request starting \S+ POST \S+/_rf/send - (?<type>\S+)")]
    private static partial Regex SendStarted();

    // "Request finished HTTP/1.1 POST http://…/_rf/send - 200 - application/json;+charset=utf-8 12.3ms"
    [GeneratedRegex(@"Request finished \S+ POST \S+/_rf/send - (?<status>\d+)")]
    private static partial Regex SendFinished();
}
