using System.Text;
using System.Text.RegularExpressions;
using RazorFaces.EndToEnd.Support;

namespace RazorFaces.EndToEnd;

/// <summary>
/// Hardening row 12: Demo.App had no appsettings.json, so every request wrote four Information lines (63 MB of log in
/// one run). The framework's categories now log at Warning: start-up, warnings and errors only.
/// </summary>
public sealed class DemoLoggingTests
{
    [Fact]
    public async Task ServingRequestsWritesNoLogLinePerRequestAndABadOneWritesOneWarning()
    {
        await using var node = await DemoNode.StartAsync("e2e-logging");
        using var http = new HttpClient { BaseAddress = node.Address };

        foreach (var path in new[] { "", "counter", "todos", "chat", "_rf/razorfaces.js", "no-such-page" })
        {
            using var response = await http.GetAsync(path);
        }
        using var bad = await http.PostAsync("_rf/send", new StringContent("{\"t\":\"dance\",\"view\":\"v\"}", Encoding.UTF8, "application/json"));
        // A second bad request, whose warning is the marker that the node has written everything before it.
        using var marker = await http.PostAsync("_rf/send", new StringContent("{\"t\":\"marker\",\"view\":\"v\"}", Encoding.UTF8, "application/json"));
        await WaitUntilAsync(() => node.Output.Contains("'marker'", StringComparison.Ordinal), node);

        var output = node.Output;
        Assert.Contains("Now listening on: " + node.Address.ToString().TrimEnd('/'), output, StringComparison.Ordinal);
        Assert.DoesNotContain("Request starting", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Request finished", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Executing endpoint", output, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Matches(output, "^warn: ", RegexOptions.Multiline).Count);
        Assert.Single(Regex.Matches(output, "Unknown message type 'dance'"));
        Assert.DoesNotContain("fail: ", output, StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, DemoNode node)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The node did not log what was expected:\n{node.Output}");
            }
            // The node's output arrives asynchronously; poll it with an overall deadline.
            await Task.Delay(50);
        }
    }
}
