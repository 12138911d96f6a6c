using Microsoft.AspNetCore.Hosting;
using RazorFaces.Hosting;
using RazorFaces;

[assembly: HostingStartup(typeof(Demo.App.UpgradeBuild))]

namespace Demo.App;

/// <summary>
/// Runs before Demo.App's Program (the web host runs the entry assembly's hosting startups), so the next build
/// needs no copy of it: it only stamps a build id into the client version, which makes pages served by the
/// previous build reload once when they reach a node of this one.
/// </summary>
public sealed class UpgradeBuild : IHostingStartup
{
    /// <summary>Mixed into this build's client version.</summary>
    public const string BuildId = "demo-next";

    public void Configure(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.PostConfigure<RazorFacesOptions>(o => o.Transport.ClientVersionSalt = BuildId));
}
