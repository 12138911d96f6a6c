using System.Text;
using System.Text.Json;

namespace RazorFaces.Bench;

/// <summary>The bytes of one counter increment on the wire (bodies only, no HTTP headers).</summary>
internal sealed record PayloadResult(int PageBytes, int EventBytes, string Answer, string Patches)
{
    public int AnswerBytes => Encoding.UTF8.GetByteCount(Answer);

    public int PatchesBytes => Encoding.UTF8.GetByteCount(Patches);

    public static async Task<PayloadResult> MeasureAsync(BenchServer server)
    {
        using var http = HttpClients.Create();
        var browser = new SimulatedBrowser(http, server.Address);
        var html = await browser.OpenAsync("/counter");
        await browser.ClickIncrementAsync();
        var answer = Encoding.UTF8.GetString(browser.LastAnswer);
        using var document = JsonDocument.Parse(browser.LastAnswer);
        var patches = document.RootElement[0].GetProperty("patches").GetRawText();
        return new PayloadResult(Encoding.UTF8.GetByteCount(html), browser.LastRequest.Length, answer, patches);
    }
}
