using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using RazorFaces.Cluster;
using RazorFaces.Tests.Support;
using Xunit;

namespace RazorFaces.Tests.Hosting;

/// <summary>
/// <c>/healthz</c> is ASP.NET Core's health-check endpoint running RazorFaces' one node check, and an app composes
/// that check with its own through <c>AddHealthChecks().AddRazorFaces()</c>.
/// </summary>
public sealed class HealthCheckTests
{
    [Fact]
    public async Task HealthzAnswersOkWithTheNodeAndStatus()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var response = await http.GetAsync("healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("node").GetString()));
    }

    [Fact]
    public async Task AnAppsFailingCheckFailsItsOwnEndpointButNotHealthz()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync(
            services: s => s.AddHealthChecks().AddCheck("database", () => HealthCheckResult.Unhealthy("no database")),
            pipeline: app => app.MapHealthChecks("/health"));
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("healthz")).StatusCode);
    }

    [Fact]
    public async Task TheNodeCheckRunsOnceUnderTheTagsAnAppGaveItHoweverOftenItWasAdded()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync(
            services: s => s.AddHealthChecks().AddRazorFaces("ready").AddRazorFaces("live"),
            pipeline: app => app.MapHealthChecks("/ready", new HealthCheckOptions { Predicate = r => r.Tags.Contains("ready") }));
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var health = server.Services.GetRequiredService<HealthCheckService>();

        var report = await health.CheckHealthAsync();

        var entry = Assert.Single(report.Entries);
        Assert.Equal("razorfaces", entry.Key);
        Assert.Equal(HealthStatus.Healthy, entry.Value.Status);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("ready")).StatusCode);
        var registration = Assert.Single(server.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations);
        Assert.Equal(["live", "ready"], registration.Tags.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ANodeThatCannotWriteIsUnhealthyOnHealthzAndOnTheAppsEndpoint()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync(pipeline: app => app.MapHealthChecks("/health"));
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        server.Services.GetRequiredService<NodeHealth>().WriteFailed("READONLY You can't write against a read only replica.");

        using var response = await http.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("store-cannot-write", body.GetProperty("status").GetString());
        Assert.Contains("READONLY", body.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("health")).StatusCode);

        server.Services.GetRequiredService<NodeHealth>().WriteSucceeded();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("healthz")).StatusCode);
    }

    [Fact]
    public async Task ADrainingNodeIsUnhealthy()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync();
        var check = server.Services.GetRequiredService<HealthCheckService>();
        var lifetime = server.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>();

        lifetime.StopApplication();
        var report = await check.CheckHealthAsync(r => r.Name == "razorfaces");

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Equal("draining", report.Entries["razorfaces"].Data["status"]);
    }
}
