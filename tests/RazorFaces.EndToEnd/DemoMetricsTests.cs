using System.Net;
using RazorFaces.EndToEnd.Support;

namespace RazorFaces.EndToEnd;

/// <summary>Demo.App with <c>--metrics true</c>: the RazorFaces meter through OpenTelemetry, scraped as Prometheus text.</summary>
public sealed class DemoMetricsTests
{
    [Fact]
    public async Task TheMetricsEndpointShowsTheRazorFacesInstrumentsAfterAPageLoad()
    {
        await using var node = await DemoNode.StartAsync("e2e-metrics", "--metrics", "true");
        using var http = new HttpClient { BaseAddress = node.Address };
        using (var page = await http.GetAsync(new Uri("counter", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        // The exporter caches a scrape briefly; ask until the page load shows.
        string text;
        var tries = 0;
        do
        {
            text = await http.GetStringAsync(new Uri("metrics", UriKind.Relative));
        }
        while (!text.Contains("razorfaces_sessions_started", StringComparison.Ordinal) && ++tries < 50 && await Delay());

        Assert.Contains("razorfaces_sessions_started", text, StringComparison.Ordinal);
        Assert.Contains("razorfaces_views_live", text, StringComparison.Ordinal);
        Assert.Contains("razorfaces_sessions_active", text, StringComparison.Ordinal);
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(200);
        return true;
    }
}
