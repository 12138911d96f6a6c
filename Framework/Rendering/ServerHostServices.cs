using Microsoft.AspNetCore.Components.Routing;

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
