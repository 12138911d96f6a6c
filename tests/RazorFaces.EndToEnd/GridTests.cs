using Microsoft.Playwright;
using RazorFaces.EndToEnd.Support;
using Xunit.Abstractions;

namespace RazorFaces.EndToEnd;

/// <summary>
/// The demo's /grid page in Chromium, over both transports: QuickGrid sorted by its headers, paged, filtered in a
/// column options popup (QuickGrid's own JavaScript module closes it on a click outside), and a virtualized grid that
/// follows the scroll position, all without a full refresh. Prints the bytes a scroll step costs (docs/performance.md,
/// "Scrolling a virtualized grid").
/// </summary>
public sealed class GridTests(TransportNodesFixture fixture, ITestOutputHelper output) : IClassFixture<TransportNodesFixture>
{
    private const int RowHeight = 32;

    [Theory]
    [InlineData("signalr")]
    [InlineData("longpoll")]
    public async Task TheGridSortsPagesFiltersAndItsVirtualizedTwinFollowsTheScrollPosition(string transport)
    {
        var node = transport == "signalr" ? fixture.Auto : fixture.LongPoll;
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = node.Address.ToString() });
        WireBytes wire = null!;
        var page = await Chromium.OpenAsync(context, "grid", p => wire = new WireBytes(p));
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            // The demo has no favicon; the browser's request for it is no error of the page.
            if (message.Type == "error" && !message.Location.Contains("favicon", StringComparison.Ordinal))
            {
                errors.Add(message.Text);
            }
        };
        await page.WaitForFunctionAsync($"() => window.RazorFaces.stats.transport === '{transport}'");
        Assert.Equal("Grid · RazorFaces demo", await page.TitleAsync());

        var firstId = page.Locator("#paged-grid tbody tr:first-child td:first-child");
        await Assertions.Expect(firstId).ToHaveTextAsync("1");
        await page.ClickAsync("#paged-grid th:nth-child(1) button.col-title");
        await Assertions.Expect(firstId).ToHaveTextAsync("3000");
        await page.ClickAsync(".paginator .go-next");
        await Assertions.Expect(firstId).ToHaveTextAsync("2980");

        await page.ClickAsync("#paged-grid th:nth-child(2) .col-options-button");
        await page.FillAsync("#customer-filter", "lamarr");
        await Assertions.Expect(page.Locator("#paged-grid tbody tr:first-child td:nth-child(2)")).ToContainTextAsync("Lamarr");
        // A click outside the popup closes it: QuickGrid's own module, given the table at its first render, raises its
        // closecolumnoptions event on it (regression: a refresh had replaced that table, and the module watched a
        // detached copy).
        await page.ClickAsync("h1");
        await Assertions.Expect(page.Locator("#paged-grid .col-options")).ToHaveCountAsync(0);

        await WaitForVirtualRowAsync(page, 1);
        var first = await ScrollStepAsync(page, wire, 999 * RowHeight, 1000);
        var next = await ScrollStepAsync(page, wire, 1009 * RowHeight, 1010);
        output.WriteLine($"{transport}: scrolling the virtualized grid to row 1000: {first} bytes received; one more screen: {next} bytes");

        // Still only a window of rows, not the 3000.
        Assert.True(await page.Locator("#virtual-grid tbody tr").CountAsync() < 60);
        Assert.Equal(transport, await page.EvaluateAsync<string>("() => window.RazorFaces.stats.transport"));
        Assert.Equal("connected", await page.GetAttributeAsync("html", "data-rf-status"));
        // Regression: the browser's parser moved the virtualized grid's spacers out of its tbody, so every load of
        // /grid was refreshed at once; and a poll sent before the client's last messages was answered with a refresh
        // after a sort or a filter. Loading, sorting, paging, filtering and scrolling are all plain updates.
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.RazorFaces.stats.fullRefreshes"));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task AfterAFullRefreshQuickGridsModuleStillClosesItsColumnOptionsOnAClickOutside()
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.Auto.Address.ToString() });
        var console = new List<string>();
        var page = await Chromium.OpenAsync(context, "grid", p => p.Console += (_, message) =>
        {
            lock (console)
            {
                console.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {message.Type}: {message.Text}");
            }
        });
        var firstId = page.Locator("#paged-grid tbody tr:first-child td:first-child");
        await Assertions.Expect(firstId).ToHaveTextAsync("1");
        // QuickGrid's first render imports its module and gives it the table by interop, which may reach the browser a
        // moment after the rows: until then a click outside closes nothing, so it is repeated until one does.
        await page.ClickAsync("#paged-grid th:nth-child(2) .col-options-button");
        await ClickOutsideUntilTheColumnOptionsCloseAsync(page);

        // Takes the grid's rows away behind the client's back: the next update does not fit, and the client resyncs
        // and gets the view as a full refresh.
        // For the diagnosis below: the table QuickGrid's module was given, and the close requests its module raises.
        await page.EvaluateAsync("""
            () => {
              const grid = document.querySelector('#paged-grid');
              window.gridTableBeforeRefresh = grid.tagName === 'TABLE' ? grid : grid.querySelector('table');
              window.closeColumnOptionsEvents = 0;
              document.addEventListener('closecolumnoptions', () => window.closeColumnOptionsEvents++, true);
            }
            """);
        await page.EvaluateAsync("() => document.querySelector('#paged-grid tbody').replaceChildren()");
        await page.ClickAsync(".paginator .go-next");
        await Assertions.Expect(firstId).ToHaveTextAsync("21");
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.RazorFaces.stats.fullRefreshes"));

        await page.ClickAsync("#paged-grid th:nth-child(2) .col-options-button");
        await Assertions.Expect(page.Locator("#customer-filter")).ToBeVisibleAsync();
        await page.ClickAsync("h1");
        try
        {
            await Assertions.Expect(page.Locator("#paged-grid .col-options")).ToHaveCountAsync(0);
        }
        catch (PlaywrightException)
        {
            // Seen twice in CI under load, never alone: what the client saw, for the next look.
            output.WriteLine(await page.EvaluateAsync<string>("() => JSON.stringify(window.RazorFaces.stats)"));
            // Whether the refresh kept the table the module holds, and whether the click outside raised its close event.
            output.WriteLine(await page.EvaluateAsync<string>("""
                () => {
                  const grid = document.querySelector('#paged-grid');
                  const table = grid.tagName === 'TABLE' ? grid : grid.querySelector('table');
                  return `same table: ${table === window.gridTableBeforeRefresh}, close events: ${window.closeColumnOptionsEvents}, status: ${window.RazorFaces.status}`;
                }
                """));
            lock (console)
            {
                console.ForEach(output.WriteLine);
            }
            throw;
        }
    }

    private static async Task ClickOutsideUntilTheColumnOptionsCloseAsync(IPage page)
    {
        var options = page.Locator("#paged-grid .col-options");
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            await page.ClickAsync("h1");
            try
            {
                await Assertions.Expect(options).ToHaveCountAsync(0, new() { Timeout = 500 });
                return;
            }
            catch (PlaywrightException) when (DateTime.UtcNow < until)
            {
            }
        }
    }

    // Scrolls the virtualized grid to `scrollTop` and waits for the row in view; the bytes the server sent meanwhile.
    private static async Task<long> ScrollStepAsync(IPage page, WireBytes wire, int scrollTop, int row)
    {
        await wire.SettleAsync();
        var before = wire.Received;
        await page.EvaluateAsync($"() => document.querySelector('#virtual-grid').scrollTop = {scrollTop}");
        await WaitForVirtualRowAsync(page, row);
        await wire.SettleAsync();
        return wire.Received - before;
    }

    /// <summary>Waits until the virtualized grid shows the row with id <paramref name="id"/> inside its visible area.</summary>
    internal static Task WaitForVirtualRowAsync(IPage page, int id) => page.WaitForFunctionAsync(
        """
        id => {
          const grid = document.querySelector('#virtual-grid');
          const box = grid.getBoundingClientRect();
          return [...grid.querySelectorAll('tbody tr')].some(row => {
            const cell = row.querySelector('td');
            const r = row.getBoundingClientRect();
            return cell && cell.textContent.trim() === String(id) && r.bottom > box.top && r.top < box.bottom;
          });
        }
        """, id);
}

/// <summary>Counts the bytes the server sends a tab: long-poll answers, or SignalR frames.</summary>
internal sealed class WireBytes
{
    private long _received;
    private long _lastChange;

    public WireBytes(IPage page)
    {
        page.Response += async (_, response) =>
        {
            if (response.Url.Contains("/_rf/send", StringComparison.Ordinal) || response.Url.Contains("/_rf/poll", StringComparison.Ordinal))
            {
                try
                {
                    Add((await response.BodyAsync()).Length);
                }
                catch (PlaywrightException)
                {
                    // The page went away before the body was read.
                }
            }
        };
        page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) => Add(frame.Binary?.Length ?? System.Text.Encoding.UTF8.GetByteCount(frame.Text ?? ""));
    }

    public long Received => Interlocked.Read(ref _received);

    /// <summary>Waits until nothing has arrived for half a second: the exchanges a step caused are over.</summary>
    public async Task SettleAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var seen = Interlocked.Read(ref _lastChange);
            await Task.Delay(500);
            if (Interlocked.Read(ref _lastChange) == seen)
            {
                return;
            }
        }
    }

    private void Add(long bytes)
    {
        Interlocked.Add(ref _received, bytes);
        Interlocked.Increment(ref _lastChange);
    }
}
