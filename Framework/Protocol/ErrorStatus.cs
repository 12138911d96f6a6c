using Microsoft.AspNetCore.Http;

namespace RazorFaces.Protocol;

/// <summary>The HTTP status of each error code (the table in docs/protocol.md).</summary>
internal static class ErrorStatus
{
    /// <summary>The status for <paramref name="code"/>; 500 for codes this version does not know.</summary>
    public static int For(string code) => code switch
    {
        ErrorCodes.BadMessage or ErrorCodes.BadEventArgs => StatusCodes.Status400BadRequest,
        ErrorCodes.TooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorCodes.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        ErrorCodes.BadToken or ErrorCodes.ForeignView => StatusCodes.Status403Forbidden,
        ErrorCodes.UnknownView or ErrorCodes.UnknownStream => StatusCodes.Status404NotFound,
        ErrorCodes.NoHandler or ErrorCodes.ClientOutdated or ErrorCodes.ViewEvicted => StatusCodes.Status409Conflict,
        ErrorCodes.SessionExpired => StatusCodes.Status410Gone,
        ErrorCodes.StoreUnavailable or ErrorCodes.Busy => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };
}
