using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using RazorFaces.Protocol;
using RazorFaces.Views;

namespace RazorFaces.Transport;

/// <summary>Reads a request body up to a limit, without trusting Content-Length.</summary>
internal static class MessageBody
{
    /// <exception cref="ProtocolException">
    /// with <see cref="ErrorCodes.UnsupportedMediaType"/> for a body that is not UTF-8 JSON, or
    /// <see cref="ErrorCodes.TooLarge"/> past <paramref name="maxBytes"/>.
    /// </exception>
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        CheckContentType(request.ContentType);
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }
        var buffer = new byte[Math.Min(maxBytes + 1, (int)(request.ContentLength ?? 4096) + 1)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length > maxBytes)
                {
                    throw TooLarge(maxBytes);
                }
                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, maxBytes + 1));
            }
            var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                return buffer.AsMemory(0, length);
            }
            length += read;
            if (length > maxBytes)
            {
                throw TooLarge(maxBytes);
            }
        }
    }

    // Only application/json, which is also what the client's close beacon sends (a Blob of that type). The types
    // an HTML form can post cross-site (text/plain, form encodings) never reach the parser, whatever they carry.
    private static void CheckContentType(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media)
            || !media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (media.Charset.HasValue && !media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            throw new ProtocolException(
                ErrorCodes.UnsupportedMediaType,
                $"A message must be sent as application/json (UTF-8), not '{(contentType is { Length: > 0 } ? Printable(contentType) : "no content type")}'.");
        }
    }

    // The header is the client's text, and it ends up in the log: keep it short and on one line.
    private static string Printable(string text) =>
        string.Concat(text.Take(100).Select(c => char.IsControl(c) ? '?' : c));

    /// <summary>The answer to a message over <see cref="TransportOptions.MaxMessageBytes"/>, on either transport.</summary>
    public static ProtocolException TooLarge(int maxBytes) =>
        new(ErrorCodes.TooLarge, $"The message is larger than the limit of {maxBytes} bytes.");
}
