using System.Net;

namespace RazorFaces.Tests.Support;

/// <summary>A request body of unknown length: sent chunked, without a Content-Length header.</summary>
public sealed class ChunkedContent : HttpContent
{
    private readonly byte[] _body;

    /// <summary>A chunked body of <paramref name="body"/>.</summary>
    public ChunkedContent(byte[] body, string mediaType = "application/json")
    {
        _body = body;
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
    }

    /// <inheritdoc />
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        // In pieces, so the server cannot learn the length from a single read either.
        for (var offset = 0; offset < _body.Length; offset += 256)
        {
            await stream.WriteAsync(_body.AsMemory(offset, Math.Min(256, _body.Length - offset)));
            await stream.FlushAsync();
        }
    }

    /// <inheritdoc />
    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
