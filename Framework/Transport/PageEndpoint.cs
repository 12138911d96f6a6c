using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RazorFaces.Cluster;
using RazorFaces.Hosting;
using RazorFaces.Protocol;
using RazorFaces.Views;

namespace RazorFaces.Transport;

/// <summary>
/// The first GET of a page: a fresh view (in the request's session, or a new one) rendered into the host page, which
/// embeds the view id, its number and the CSRF token. A page that reloaded for a newer client (a rolling upgrade)
/// continues its view instead.
/// </summary>
internal sealed partial class PageEndpoint(ViewSession views, IOptions<RazorFacesOptions> options, ILogger<PageEndpoint> logger)
{
    public async Task RenderAsync(HttpContext context)
    {
        var request = context.Request;
        var baseUri = TransportRequest.BaseUriOf(request);
        var url = request.GetEncodedUrl();
        try
        {
            var outcome = await views.RunAsync(
                new ViewRequest(SessionCookie.IdOf(context), baseUri, context.RequestAborted)
                {
                    StartsSession = true,
                    IsUse = true,
                    Cookie = new SessionCookie(context),
                    User = context.User,
                },
                async work =>
                {
                    var view = await ResumeAsync(context, work, url) ?? await work.StartAsync(url);
                    var (number, dom, location) = view.Snapshot();
                    if (location is not null)
                    {
                        // NavigateTo(forceLoad) while the page was first rendering: an ordinary redirect.
                        await work.DiscardAsync(view);
                        return (Html: (string?)null, Location: (string?)location);
                    }
                    return (Html: (string?)HostPage.Write(options.Value, request.PathBase, work.Session.Meta.CsrfToken, view.Id, number, dom, view.Head), Location: (string?)null);
                });
            if (outcome.SessionEnded || outcome.Value.Location is not null)
            {
                // Ended while first rendering: the same address again, in a new session.
                context.Response.Redirect(outcome.Value.Location ?? url);
                return;
            }
            NodeAffinity.Mark(context);
            context.Response.ContentType = "text/html; charset=utf-8";
            // The page embeds a view id; a cached copy would resurrect a view that no longer exists.
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.WriteAsync(outcome.Value.Html!);
        }
        catch (ProtocolException e) when (e.Code is ErrorCodes.Busy or ErrorCodes.StoreUnavailable)
        {
            LogUnavailable(logger, e.Code, request.Path.Value ?? "/", e.InnerException?.Message ?? e.Message);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = e.Code == ErrorCodes.Busy ? "1" : "2";
            await context.Response.WriteAsync(e.Code == ErrorCodes.Busy ? e.Message : "The session store is unavailable. Try again in a moment.");
        }
    }

    /// <summary>
    /// The view a page that reloaded for a newer client (rolling upgrade) asks to continue, with the
    /// <see cref="ProtocolConstants.ResumeCookie"/>: rebuilt from its record when it shows the requested page, or
    /// started afresh (and logged) when that record no longer fits this build. Null when there is none to continue.
    /// </summary>
    private static async Task<LiveView?> ResumeAsync(HttpContext context, ViewWork work, string url)
    {
        if (!context.Request.Cookies.TryGetValue(ProtocolConstants.ResumeCookie, out var viewId))
        {
            return null;
        }
        // Good for this one load only.
        context.Response.Cookies.Delete(ProtocolConstants.ResumeCookie, new CookieOptions { Path = context.Request.PathBase + "/" });
        if (!work.Session.Views.TryGetValue(viewId, out var record) || work.BaseUri + record.Url.TrimStart('/') != url)
        {
            return null;
        }
        return (await work.ResolveAsync(viewId, url)).View;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A page ({Code}, {Path}) answered 503: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string code, string path, string reason);
}
