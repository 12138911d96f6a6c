using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace RazorFaces.Hosting;

/// <summary>
/// Sends the headers of <see cref="SecurityHeadersOptions"/> on the responses of RazorFaces endpoints (pages, the
/// client script, the transports), and only on those: endpoints the application maps itself are left alone.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>
    /// A group whose endpoints get the headers. Everything <c>MapRazorFaces</c> maps goes through it; the group adds
    /// no route prefix.
    /// </summary>
    public static IEndpointRouteBuilder Group(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGroup(string.Empty).WithMetadata(RazorFacesEndpoint.Instance);

    /// <summary>Adds the middleware (first in the pipeline, from <c>AddRazorFaces</c>).</summary>
    public static void Add(IServiceCollection services) =>
        services.TryAddEnumerable(ServiceDescriptor.Transient<IStartupFilter, StartupFilter>());

    private static void Apply(HttpResponse response, SecurityHeadersOptions options)
    {
        var headers = response.Headers;
        Set(headers, "X-Content-Type-Options", options.ContentTypeOptions);
        Set(headers, "X-Frame-Options", options.FrameOptions);
        Set(headers, "Content-Security-Policy", options.ContentSecurityPolicy);
        Set(headers, "Referrer-Policy", options.ReferrerPolicy);
    }

    private static void Set(IHeaderDictionary headers, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value) && StringValues.IsNullOrEmpty(headers[name]))
        {
            headers[name] = value;
        }
    }

    /// <summary>The metadata that marks an endpoint as one of ours.</summary>
    private sealed class RazorFacesEndpoint
    {
        public static readonly RazorFacesEndpoint Instance = new();
    }

    // First in the pipeline, before routing has chosen the endpoint, so the endpoint is looked at when the response
    // starts. That is also late enough to see headers the application set itself, which it keeps.
    private sealed class StartupFilter(IOptions<RazorFacesOptions> options) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            var headers = options.Value.SecurityHeaders;
            app.Use((context, inner) =>
            {
                context.Response.OnStarting(static state =>
                {
                    var (context, headers) = ((HttpContext, SecurityHeadersOptions))state;
                    if (context.GetEndpoint()?.Metadata.GetMetadata<RazorFacesEndpoint>() is not null)
                    {
                        Apply(context.Response, headers);
                    }
                    return Task.CompletedTask;
                }, (context, headers));
                return inner(context);
            });
            next(app);
        };
    }
}
