using Microsoft.Playwright;
using RazorFaces.EndToEnd.Support;

namespace RazorFaces.EndToEnd;

/// <summary>
/// Demo.App's /test-hooks/events over both transports: bursts of moves coalesce, events that do not bubble arrive,
/// a custom event raised by the browser's paste, busy marks, and a debounced field.
/// </summary>
public sealed class EventTests(TransportNodesFixture fixture) : IClassFixture<TransportNodesFixture>
{
    public static TheoryData<string> Transports => ["signalr", "longpoll"];

    private async Task<IPage> OpenAsync(string transport)
    {
        var page = await fixture.NewPageAsync(transport == "signalr" ? fixture.Auto : fixture.LongPoll, "test-hooks/events");
        await page.WaitForFunctionAsync($"() => window.RazorFaces.stats.transport === '{transport}'");
        return page;
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ABurstOfAHundredMovesTakesTwoRoundTripsAndDeliversTheLastPosition(string transport)
    {
        var page = await OpenAsync(transport);

        // One task: the first move is sent, the 99 after it wait as one (the first cannot be answered meanwhile).
        await page.EvaluateAsync("""
            () => {
              const pad = document.getElementById('pad');
              for (let x = 1; x <= 100; x++) {
                pad.dispatchEvent(new MouseEvent('mousemove', { bubbles: true, clientX: x, clientY: 7 }));
              }
            }
            """);

        await Assertions.Expect(page.Locator("#last")).ToHaveTextAsync("100,7");
        await Assertions.Expect(page.Locator("#moves")).ToHaveTextAsync("2");
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task EventsThatDoNotBubbleReachTheirHandlers(string transport)
    {
        var page = await OpenAsync(transport);

        await page.HoverAsync("#hover");
        await Assertions.Expect(page.Locator("#entered")).ToHaveTextAsync("1");
        await page.HoverAsync("h1");
        await Assertions.Expect(page.Locator("#left")).ToHaveTextAsync("1");

        await page.ClickAsync("#summary");
        await Assertions.Expect(page.Locator("#toggles")).ToHaveTextAsync("1");

        // A date picker sets the value and dispatches a change that does not bubble.
        await page.EvaluateAsync("""
            () => {
              const picker = document.getElementById('picker');
              picker.value = '2026-12-04';
              picker.dispatchEvent(new Event('change'));
            }
            """);
        await Assertions.Expect(page.Locator("#picked")).ToHaveTextAsync("2026-12-04");
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ACustomEventRegisteredAsInBlazorsDocsArrivesWithItsArgs(string transport)
    {
        var page = await OpenAsync(transport);
        await page.EvaluateAsync("""
            () => Blazor.registerCustomEventType('custompaste', {
              browserEventName: 'paste',
              createEventArgs: (event) => ({ eventTimestamp: new Date(), pastedData: event.clipboardData.getData('text') }),
            })
            """);

        await page.EvaluateAsync("""
            () => {
              const data = new DataTransfer();
              data.setData('text', 'pasted text');
              document.getElementById('paste').dispatchEvent(new ClipboardEvent('paste', { bubbles: true, clipboardData: data }));
            }
            """);

        await Assertions.Expect(page.Locator("#pasted")).ToHaveTextAsync("pasted text");
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ADragAndDropArrivesWithItsDataTransfer(string transport)
    {
        var page = await OpenAsync(transport);

        // Headless Chromium starts no real drag from mouse moves; the page sees the events a drag would raise.
        await page.EvaluateAsync("""
            () => {
              const data = new DataTransfer();
              data.setData('text/plain', 'a card');
              const raise = (id, type) => document.getElementById(id).dispatchEvent(
                new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data, clientX: 5 }));
              raise('drag', 'dragstart');
              raise('dropzone', 'dragover');
              raise('dropzone', 'drop');
            }
            """);

        await Assertions.Expect(page.Locator("#dragged")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("#dropped")).ToHaveTextAsync("none text/plain");
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ASubmitMarksItsFormBusyAndDisablesItsButtonUntilTheAnswer(string transport)
    {
        var page = await OpenAsync(transport);

        // Read in the same task as the submit: the answer cannot have arrived yet.
        var during = await page.EvaluateAsync<bool[]>("""
            () => {
              const form = document.getElementById('order');
              const button = document.getElementById('submit');
              form.requestSubmit(button);
              return [form.hasAttribute('data-rf-busy'), button.disabled];
            }
            """);

        Assert.Equal([true, true], during);
        await Assertions.Expect(page.Locator("#submits")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("#order")).Not.ToHaveAttributeAsync("data-rf-busy", "");
        await Assertions.Expect(page.Locator("#submit")).ToBeEnabledAsync();
        await page.ClickAsync("#submit");
        await Assertions.Expect(page.Locator("#submits")).ToHaveTextAsync("2");
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ADebouncedFieldSendsTheTypedTextOnceAfterThePause(string transport)
    {
        var page = await OpenAsync(transport);

        await page.ClickAsync("#search");
        await page.Keyboard.TypeAsync("hello");

        await Assertions.Expect(page.Locator("#query")).ToHaveTextAsync("hello");
        Assert.Equal("1", await page.TextContentAsync("#inputs"));
        await Assertions.Expect(page.Locator("#search")).ToHaveValueAsync("hello");
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task LeavingADebouncedFieldSendsItsTextBeforeTheClickThatLeftIt(string transport)
    {
        var page = await OpenAsync(transport);

        await page.ClickAsync("#search");
        await page.Keyboard.TypeAsync("milk");
        await page.ClickAsync("#submit");

        await Assertions.Expect(page.Locator("#submits")).ToHaveTextAsync("1");
        Assert.Equal("milk", await page.TextContentAsync("#query"));
        Assert.Equal("1", await page.TextContentAsync("#inputs"));
    }
}
