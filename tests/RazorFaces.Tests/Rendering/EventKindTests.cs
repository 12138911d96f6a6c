using RazorFaces.Protocol;
using RazorFaces.Testing;
using RazorFaces.Tests.TestComponents;

namespace RazorFaces.Tests.Rendering;

/// <summary>Every kind of event args Blazor maps reaches its handler typed, and a custom <c>[EventHandler]</c> event too.</summary>
public sealed class EventKindTests
{
    [Fact]
    public async Task ADropCarriesItsDataTransfer()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<EventKinds>();

        await page.TriggerEventAsync("#drop", "drop", new
        {
            clientX = 4.5,
            type = "drop",
            dataTransfer = new { dropEffect = "copy", effectAllowed = "all", files = new[] { "a.txt", "b.png" }, items = new[] { new { kind = "file", type = "text/plain" } }, types = new[] { "Files" } },
        });

        Assert.Equal("drop copy a.txt+b.png Files file:text/plain 4.5", page.Find("#shown").TextContent);
        Assert.Equal("dragover", page.Find("#drop").GetAttribute(ProtocolConstants.PreventDefaultAttribute));
    }

    [Fact]
    public async Task ADragOverWithoutDataTransferIsFine()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<EventKinds>();

        await page.TriggerEventAsync("#drop", "dragover", new { dataTransfer = (object?)null, type = "dragover" });

        Assert.Equal("dragover", page.Find("#shown").TextContent.Trim());
    }

    [Fact]
    public async Task TouchPointerWheelClipboardProgressAndErrorArgsAreTyped()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<EventKinds>();
        var point = new { identifier = 7, clientX = 10.5, clientY = 2, screenX = 0, screenY = 0, pageX = 0, pageY = 0 };

        await page.TriggerEventAsync("#touch", "touchmove", new { touches = new[] { point, point }, targetTouches = Array.Empty<object>(), changedTouches = new[] { point }, shiftKey = true, type = "touchmove" });
        Assert.Equal("touch 2 7 10.5 True", page.Find("#shown").TextContent);

        await page.TriggerEventAsync("#wheel", "wheel", new { deltaY = -120.5, deltaMode = 1, type = "wheel" });
        Assert.Equal("wheel -120.5 1", page.Find("#shown").TextContent);

        await page.TriggerEventAsync("#wheel", "pointermove", new { pointerId = 3, pointerType = "pen", pressure = 0.5, isPrimary = true, type = "pointermove" });
        Assert.Equal("pointer 3 pen 0.5 True", page.Find("#shown").TextContent);

        await page.TriggerEventAsync("#clip", "copy", new { type = "copy" });
        Assert.Equal("clipboard copy", page.Find("#shown").TextContent);

        await page.TriggerEventAsync("#img", "load", new { lengthComputable = true, loaded = 5, total = 9, type = "load" });
        Assert.Equal("load True 5/9", page.Find("#shown").TextContent);

        await page.TriggerEventAsync("#img", "error", new { message = "broken", filename = "", lineno = 3, colno = 1, type = "error" });
        Assert.Equal("error broken 3", page.Find("#shown").TextContent);
    }

    [Fact]
    public async Task AHandlerTakingPlainEventArgsGetsTheEventsOwnType()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<EventKinds>();

        await page.TriggerEventAsync("#scroller", "scroll");
        Assert.Equal("scroll EventArgs", page.Find("#shown").TextContent);

        await page.TriggerEventAsync("#scroller", "mouseenter", new { clientX = 1, type = "mouseenter" });
        Assert.Equal("mouseenter", page.Find("#shown").TextContent);
    }

    [Fact]
    public async Task ACustomEventDeclaredWithEventHandlerGetsItsOwnArgs()
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<EventKinds>();

        Assert.Contains("custompaste", page.Find("#clip").GetAttribute(ProtocolConstants.EventsAttribute)!.Split(' '));
        await page.TriggerEventAsync("#clip", "custompaste", new { eventTimestamp = "2026-12-04T02:00:00Z", pastedData = "hello" });

        Assert.Equal("custompaste hello 2026", page.Find("#shown").TextContent);
    }

    [Theory]
    [InlineData("custompaste", "#clip", "{\"pastedData\":42}")]
    [InlineData("drop", "#drop", "{\"dataTransfer\":{\"files\":\"a.txt\"}}")]
    [InlineData("touchmove", "#touch", "{\"touches\":[{\"identifier\":\"one\"}]}")]
    [InlineData("wheel", "#wheel", "{\"deltaMode\":1.5}")]
    // The handler takes no arguments, yet the event's declared MouseEventArgs are read and checked.
    [InlineData("mouseenter", "#scroller", "{\"clientX\":\"left\"}")]
    public async Task ArgsThatDoNotFitTheEventsDeclaredTypeAreRejected(string eventName, string selector, string args)
    {
        await using var ctx = new RazorFacesTestContext();
        var page = await ctx.RenderAsync<EventKinds>();

        var error = await Assert.ThrowsAsync<ViewErrorException>(() =>
            page.TriggerEventAsync(selector, eventName, System.Text.Json.JsonDocument.Parse(args).RootElement));

        Assert.Equal(ErrorCodes.BadEventArgs, error.Code);
        Assert.Equal("none", page.Find("#shown").TextContent);
    }
}
