using Microsoft.AspNetCore.Components.Routing;
using Microsoft.JSInterop;

namespace RazorFaces.Rendering;

/// <summary>Link interception is done by the client script for every view, so there is nothing to enable.</summary>
internal sealed class ClientNavigationInterception : INavigationInterception
{
    public Task EnableNavigationInterceptionAsync() => Task.CompletedTask;
}

/// <summary>Scrolling to a fragment is left to the browser.</summary>
internal sealed class BrowserScrollToLocationHash : IScrollToLocationHash
{
    public Task RefreshScrollPositionForHash(string locationAbsolute) => Task.CompletedTask;
}

/// <summary>RazorFaces runs components on the server only; calls into browser JavaScript fail with a clear reason.</summary>
internal sealed class UnavailableJSRuntime : IJSRuntime
{
    private const string Reason =
        "RazorFaces renders components on the server and has no JavaScript interop; the call to '{0}' cannot be made.";

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
        ValueTask.FromException<TValue>(new NotSupportedException(string.Format(System.Globalization.CultureInfo.InvariantCulture, Reason, identifier)));

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
        InvokeAsync<TValue>(identifier, args);
}

/// <summary>Logs the exceptions an <c>ErrorBoundary</c> caught (the boundary shows its error content instead).</summary>
internal sealed partial class ServerErrorBoundaryLogger(Microsoft.Extensions.Logging.ILogger<ServerErrorBoundaryLogger> logger)
    : Microsoft.AspNetCore.Components.Web.IErrorBoundaryLogger
{
    public ValueTask LogErrorAsync(Exception exception)
    {
        LogCaught(logger, exception);
        return ValueTask.CompletedTask;
    }

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Warning, Message = "An error boundary caught an exception.")]
    private static partial void LogCaught(Microsoft.Extensions.Logging.ILogger logger, Exception exception);
}
