using Microsoft.AspNetCore.Http;
using RazorFaces.Protocol;
using RazorFaces.Views;

namespace RazorFaces.Transport;

/// <summary>Reads a request body up to a limit, without trusting Content-Length.</summary>
internal static class MessageBody
{
    /// <exception cref="ProtocolException">with <see cref="ErrorCodes.TooLarge"/> past <paramref name="maxBytes"/>.</exception>
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
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

    private static ProtocolException TooLarge(int maxBytes) =>
        new(ErrorCodes.TooLarge, $"The message is larger than the limit of {maxBytes} bytes.");
}
