using System.Text;
using System.Text.Json.Nodes;
using RazorFaces.Protocol;

namespace RazorFaces.Tests.Support;

/// <summary>
/// Requests a misbehaving client sends on purpose (a body that is not a message, a token that is missing or wrong):
/// raw <c>POST /_rf/send</c>s over the tab's browser connection, with its cookies, never retried and never applied.
/// </summary>
internal static class RawRequests
{
    /// <summary>Posts <paramref name="content"/> with the view's token.</summary>
    public static Task<ServerAnswer> PostRawAsync(this ViewClient view, HttpContent content) => view.PostRawAsync(content, view.Token);

    /// <summary>Posts <paramref name="content"/> with <paramref name="token"/> as <c>X-RF-Token</c> (none when null).</summary>
    public static async Task<ServerAnswer> PostRawAsync(this ViewClient view, HttpContent content, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ProtocolConstants.EndpointPrefix.TrimStart('/') + "/send") { Content = content };
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation(ProtocolConstants.TokenHeader, token);
        }
        using var response = await view.Browser.Http.SendAsync(request);
        return ServerAnswer.Read(response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts a message with the view's token.</summary>
    public static Task<ServerAnswer> PostRawAsync(this ViewClient view, JsonNode message) => view.PostRawAsync(message, view.Token);

    /// <summary>Posts a message with <paramref name="token"/> as <c>X-RF-Token</c> (none when null).</summary>
    public static Task<ServerAnswer> PostRawAsync(this ViewClient view, JsonNode message, string? token) =>
        view.PostRawAsync(new StringContent(message.ToJsonString(), Encoding.UTF8, "application/json"), token);
}
