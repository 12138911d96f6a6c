using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;
using RazorFaces.Transport.SignalR;

namespace RazorFaces.Tests.Transport.SignalR;

public sealed class HubPayloadTests
{
    [Fact]
    public void TheJsonHubProtocolPutsThePayloadIntoTheFrameAsItIs()
    {
        // Markup, quotes, a control character and a character outside the BMP: what updates carry.
        const string json = "[{\"t\":\"update\",\"html\":\"<p class=\\\"x\\\">a & b \\u001E 😀</p>\"}]";
        var payload = new HubPayload(Encoding.UTF8.GetBytes(json));
        var protocol = new JsonHubProtocol(Options.Create(new JsonHubProtocolOptions()));
        var frame = new ArrayBufferWriter<byte>();

        protocol.WriteMessage(CompletionMessage.WithResult("1", payload), frame);

        var text = Encoding.UTF8.GetString(frame.WrittenSpan);
        Assert.EndsWith("\u001e", text, StringComparison.Ordinal);
        Assert.Equal(1, text.Count(c => c == '\u001e'));
        using var document = JsonDocument.Parse(text.TrimEnd('\u001e'));
        Assert.Equal(json, document.RootElement.GetProperty("result").GetRawText());
        Assert.Equal(JsonSerializer.Serialize(payload.ToJsonElement()), JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement));
    }
}
