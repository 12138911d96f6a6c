using System.Text;
using RazorFaces.Protocol;

namespace RazorFaces.Testing.Client;

/// <summary>
/// The long-poll transport (docs/protocol.md): <c>POST /_rf/send</c> with the CSRF token and client version headers,
/// <c>GET /_rf/poll</c>, and the beacon a closing tab sends. Requests go to the session's current
/// <see cref="BrowserSession.BaseAddress"/> with its cookies.
/// </summary>
public sealed class LongPollTransport(BrowserSession session, string token, string? clientVersion) : IViewTransport
{
    /// <inheritdoc />
    public string Name => "longpoll";

    /// <inheritdoc />
    public Task<ServerAnswer> SendAsync(string message, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, session.Resolve(ProtocolConstants.EndpointPrefix + "/send"))
        {
            Content = new StringContent(message, Encoding.UTF8, "application/json"),
        };
        AddHeaders(request);
        return RequestAsync(request, cancellationToken);
    }

    /// <summary>One long-poll: waits until the view has something newer than <paramref name="n"/>, or the server's poll timeout.</summary>
    public Task<ServerAnswer> PollAsync(string viewId, int n, string url, CancellationToken cancellationToken = default)
    {
        var query = $"view={Uri.EscapeDataString(viewId)}&n={n}&url={Uri.EscapeDataString(url)}";
        var request = new HttpRequestMessage(HttpMethod.Get, session.Resolve($"{ProtocolConstants.EndpointPrefix}/poll?{query}"));
        AddHeaders(request);
        return RequestAsync(request, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ServerAnswer> CloseAsync(string message) =>
        // sendBeacon cannot set headers: the token travels in the message.
        RequestAsync(new HttpRequestMessage(HttpMethod.Post, session.Resolve(ProtocolConstants.EndpointPrefix + "/send"))
        {
            Content = new StringContent(message, Encoding.UTF8, "application/json"),
        }, CancellationToken.None);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private void AddHeaders(HttpRequestMessage request)
    {
        request.Headers.Add(ProtocolConstants.TokenHeader, token);
        if (clientVersion is not null)
        {
            request.Headers.Add(ProtocolConstants.ClientVersionHeader, clientVersion);
        }
    }

    private async Task<ServerAnswer> RequestAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            try
            {
                using var response = await session.Http.SendAsync(request, cancellationToken);
                return ServerAnswer.Read(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is HttpRequestException or TaskCanceledException or IOException or FormatException)
            {
                // No answer, a timeout, or a 200 that is not an array: the browser retries all of these like a 5xx.
                return ServerAnswer.Failed($"{request.Method} {request.RequestUri!.AbsolutePath}: {e.GetType().Name}: {e.Message}");
            }
        }
    }
}
