using System.Text;
using RazorFaces.Session;
using RazorFaces.State;

namespace RazorFaces.Bench;

/// <summary>The stored bytes of one session after driving one demo page: metadata, beans and the page's view record.</summary>
internal sealed record SessionSizeResult(string Scenario, int MetaBytes, int BeanBytes, int ViewBytes, int SessionBytes, string ViewJson);

/// <summary>
/// Drives each demo page in a session of its own, then reads the fields the server stored for that session
/// from the <see cref="InMemorySessionStore"/> — the bytes a cluster store would replicate.
/// </summary>
internal static class SessionSizeProbe
{
    public const int Items = MemoryProbe.TodosAdded;
    public const int CounterClicks = 3;

    /// <summary>The demo pages with state, each with what a user does on it before its session is measured.</summary>
    public static IReadOnlyList<(string Path, string Scenario, Func<SimulatedBrowser, Task> Use)> Scenarios { get; } =
    [
        ("/counter", $"/counter after {CounterClicks} clicks", async b =>
        {
            for (var i = 0; i < CounterClicks; i++)
            {
                await b.ClickIncrementAsync();
            }
        }),
        ("/todos", $"/todos with {Items} items", async b =>
        {
            for (var i = 1; i <= Items; i++)
            {
                (await b.SendEventAsync(b.Page.Target("todo-text"), "input", $$"""{"value":"Buy item number {{i}}"}""")).Dispose();
                (await b.SendEventAsync(b.Page.Target("add-todo"), "click", """{"detail":1,"button":0}""")).Dispose();
            }
        }),
        ("/form", "/form, name and email typed", async b =>
        {
            (await b.SendEventAsync(b.Page.Target("email"), "change", """{"value":"ada@example.org"}""")).Dispose();
            (await b.SendEventAsync(b.Page.Target("name"), "change", """{"value":"Ada Lovelace"}""")).Dispose();
        }),
        ("/cart", $"/cart with {Items} items", async b =>
        {
            for (var i = 1; i <= Items; i++)
            {
                (await b.SendEventAsync(b.Page.Target("item-name"), "change", $$"""{"value":"Item number {{i}}"}""")).Dispose();
                (await b.SendEventAsync(b.Page.Target("add-item"), "click", """{"detail":1,"button":0}""")).Dispose();
            }
        }),
    ];

    public static async Task<List<SessionSizeResult>> RunAsync(BenchServer server, TextWriter log)
    {
        using var http = HttpClients.Create();
        var store = server.Services.GetRequiredService<ISessionStore>();
        var results = new List<SessionSizeResult>();
        foreach (var (path, scenario, use) in Scenarios)
        {
            results.Add(await MeasureAsync(server, http, store, path, scenario, use));
        }
        foreach (var r in results)
        {
            log.WriteLine($"{r.Scenario}: session {r.SessionBytes} bytes (meta {r.MetaBytes}, beans {r.BeanBytes}, view {r.ViewBytes})");
        }
        return results;
    }

    /// <summary>The stored fields of a session, by name.</summary>
    public static async Task<IReadOnlyDictionary<string, byte[]>> FieldsAsync(ISessionStore store, string sessionId) =>
        (await store.LoadAsync(sessionId))?.Fields ?? throw new InvalidOperationException($"Session {sessionId} is not in the store.");

    /// <summary>Opens <paramref name="path"/> in a new session, does <paramref name="use"/>, and returns the browser.</summary>
    public static async Task<SimulatedBrowser> DriveAsync(BenchServer server, HttpClient http, string path, Func<SimulatedBrowser, Task> use)
    {
        var browser = new SimulatedBrowser(http, server.Address);
        await browser.OpenAsync(path);
        await use(browser);
        return browser;
    }

    private static async Task<SessionSizeResult> MeasureAsync(
        BenchServer server, HttpClient http, ISessionStore store, string path, string scenario, Func<SimulatedBrowser, Task> use)
    {
        var browser = await DriveAsync(server, http, path, use);
        var fields = await FieldsAsync(store, browser.SessionId);
        var views = fields.Where(f => f.Key.StartsWith(SessionFields.ViewPrefix, StringComparison.Ordinal)).ToList();
        if (views.Count != 1 || views[0].Key != SessionFields.ViewField(browser.Page.ViewId))
        {
            throw new InvalidDataException($"{scenario}: expected exactly the record of view {browser.Page.ViewId}, found {string.Join(", ", fields.Keys)}.");
        }
        var view = views[0].Value;
        return new SessionSizeResult(
            scenario,
            fields[SessionFields.MetaField].Length,
            fields.Where(f => f.Key.StartsWith(SessionFields.BeanPrefix, StringComparison.Ordinal)).Sum(f => f.Value.Length),
            view.Length,
            fields.Values.Sum(v => v.Length),
            StoredFormats.ToJson(view, StoredFormats.Detect(view)));
    }
}
