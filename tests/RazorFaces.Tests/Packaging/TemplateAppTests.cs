using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Security;
using System.Text.RegularExpressions;
using RazorFaces.TestSupport;

namespace RazorFaces.Tests.Packaging;

/// <summary>
/// What a user of the packages does, from nothing: pack RazorFaces, RazorFaces.Testing and RazorFaces.Templates into
/// a folder feed, install the template, create an app with <c>dotnet new razorfaces</c> in an empty folder, restore it
/// from that feed, build it, start it and click its button over the real protocol; then run the app's own tests.
/// Everything goes into one temporary folder (the template hive, the feed, the restored packages), so the machine's
/// template list and NuGet cache never see these packages. Slow (a minute or two): filter with Category=Packaging.
/// </summary>
[Trait("Category", "Packaging")]
public sealed class TemplateAppTests : IDisposable
{
    private static readonly TimeSpan StepLimit = TimeSpan.FromMinutes(4);

    private readonly string _root = Directory.CreateTempSubdirectory("rf-template-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open must not fail the test; the folder is in the temporary directory.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [Fact]
    public async Task AnAppMadeFromTheTemplateRestoresFromThePackagesAndServesItsPagesOverTheProtocol()
    {
        var feed = Directory.CreateDirectory(Path.Combine(_root, "feed")).FullName;
        var hive = Path.Combine(_root, "hive");
        var work = Directory.CreateDirectory(Path.Combine(_root, "work")).FullName;
        var packages = Path.Combine(_root, "packages");

        // The framework's projects are built already (this test runs from them), the template project has nothing
        // to compile; packing does not change them.
        var configuration = RepoPaths.Configuration;
        await DotnetCli.RunAsync(RepoPaths.Root, StepLimit, "pack", "Framework/RazorFaces.csproj", "-c", configuration, "--no-build", "-o", feed);
        await DotnetCli.RunAsync(RepoPaths.Root, StepLimit, "pack", "Framework.Testing/RazorFaces.Testing.csproj", "-c", configuration, "--no-build", "-o", feed);
        await DotnetCli.RunAsync(RepoPaths.Root, StepLimit, "pack", "templates/RazorFaces.Templates.csproj", "-c", configuration, "-o", feed, "-nodeReuse:false");
        var templatePackage = Assert.Single(Directory.GetFiles(feed, "RazorFaces.Templates.*.nupkg"));
        AssertLibraryPackage(feed, "RazorFaces");
        AssertLibraryPackage(feed, "RazorFaces.Testing");

        await DotnetCli.RunAsync(work, StepLimit, "new", "install", templatePackage, "--debug:custom-hive", hive);
        await DotnetCli.RunAsync(work, StepLimit, "new", "razorfaces", "-n", "Shop", "-o", "Shop", "--debug:custom-hive", hive);
        var app = Path.Combine(work, "Shop");
        await File.WriteAllTextAsync(Path.Combine(app, "nuget.config"), NuGetConfig(feed, await MachineSourcesAsync()));

        await DotnetCli.RunAsync(app, StepLimit, "restore", "Shop.slnx", "--packages", packages, "-nodeReuse:false");
        Assert.True(Directory.Exists(Path.Combine(packages, "razorfaces")), "RazorFaces was not restored into the test's own packages folder.");
        await DotnetCli.RunAsync(app, StepLimit, "build", "Shop.slnx", "-c", "Release", "--no-restore", "-nodeReuse:false");

        await ClickTheCounterOfTheRunningAppAsync(Path.Combine(app, "Shop", "bin", "Release", "net10.0"));

        var tests = await DotnetCli.RunAsync(app, StepLimit, "test", "Shop.slnx", "-c", "Release", "--no-build");
        Assert.Matches(new Regex(@"Failed:\s+0,\s+Passed:\s+[1-9]"), tests);
    }

    /// <summary>
    /// A library package holds its assembly with XML docs and its README, has a symbols package beside it and the
    /// commit it was built from, and nothing that would land in an app: the client script travels inside
    /// RazorFaces.dll, not as content or a static web asset.
    /// </summary>
    private static void AssertLibraryPackage(string feed, string id)
    {
        var package = Assert.Single(Directory.GetFiles(feed, id + ".*.nupkg"), p => Regex.IsMatch(Path.GetFileName(p), "^" + Regex.Escape(id) + @"\.\d"));
        Assert.True(File.Exists(Path.ChangeExtension(package, ".snupkg")), id + " has no symbols package.");
        using var zip = ZipFile.OpenRead(package);
        var files = zip.Entries.Select(e => e.FullName)
            .Where(name => !name.StartsWith('_') && !name.StartsWith('[') && !name.StartsWith("package/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        Assert.Equal(new[] { id + ".nuspec", "README.md", $"lib/net10.0/{id}.dll", $"lib/net10.0/{id}.xml" }.Order(StringComparer.Ordinal), files);
        using var nuspec = new StreamReader(zip.GetEntry(id + ".nuspec")!.Open());
        var metadata = nuspec.ReadToEnd();
        Assert.Contains("<readme>README.md</readme>", metadata, StringComparison.Ordinal);
        Assert.Matches(new Regex("<repository type=\"git\"[^>]* commit=\"[0-9a-f]{40}\""), metadata);
    }

    private static async Task ClickTheCounterOfTheRunningAppAsync(string output)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}/");
        using var server = DotnetCli.Start(output, [Path.Combine(output, "Shop.dll"), "--urls", address.AbsoluteUri.TrimEnd('/')], out var printed);
        try
        {
            await WaitUntilServingAsync(server, address, printed);

            using var browser = new BrowserSession(address);
            // The script the page loads comes from the RazorFaces package, not from this repository.
            using (var script = await browser.Http.GetAsync("_rf/razorfaces.js"))
            {
                Assert.Equal(HttpStatusCode.OK, script.StatusCode);
                Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
            }

            await using var tab = await browser.OpenAsync("counter");
            // App.razor's FocusOnNavigate asks the browser to focus the page's h1, as Blazor's template does.
            var focus = await tab.JSCallAsync("Blazor._internal.domWrapper.focusBySelector");
            Assert.Equal("h1", focus.Arguments[0].GetString());
            Assert.True((await tab.AnswerJSAsync(focus)).IsSuccess);
            Assert.Equal("0", tab.Text("#count"));

            Assert.True((await tab.ClickAsync("#increment")).IsSuccess);
            Assert.True((await tab.ClickAsync("#increment")).IsSuccess);

            Assert.Equal("2", tab.Text("#count"));
            Assert.True(await tab.IsInSyncWithServerAsync());
            // The count is the session bean's: a second tab of the same browser shows it.
            await using var secondTab = await browser.OpenAsync("counter");
            Assert.Equal("2", secondTab.Text("#count"));
        }
        catch (Exception e) when (e is not TimeoutException)
        {
            throw new InvalidOperationException("The app made from the template printed:\n" + DotnetCli.Text(printed), e);
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
            }
        }
    }

    private static async Task WaitUntilServingAsync(Process server, Uri address, System.Text.StringBuilder printed)
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {server.ExitCode}:\n{DotnetCli.Text(printed)}");
            }
            try
            {
                using var response = await http.GetAsync("healthz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The app did not answer /healthz:\n{DotnetCli.Text(printed)}");
    }

    /// <summary>The NuGet sources this machine restores from (the test's feed comes first, and is the only one with RazorFaces).</summary>
    private static async Task<IReadOnlyList<string>> MachineSourcesAsync()
    {
        var listed = await DotnetCli.RunAsync(RepoPaths.Root, StepLimit, "nuget", "list", "source", "--format", "short");
        // One line per source: "E <url>" for an enabled one, "D <url>" for a disabled one.
        return listed.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.StartsWith("E ", StringComparison.Ordinal))
            .Select(line => line[2..].Trim())
            .ToList();
    }

    private static string NuGetConfig(string feed, IReadOnlyList<string> machineSources)
    {
        var sources = machineSources.Select((source, i) => $"    <add key=\"machine-{i}\" value=\"{SecurityElement.Escape(source)}\" />");
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="razorfaces-test-feed" value="{SecurityElement.Escape(feed)}" />
            {string.Join('\n', sources)}
              </packageSources>
            </configuration>
            """;
    }

    private static int FreePort() => RazorFaces.TestSupport.LoopbackPorts.Next();
}
