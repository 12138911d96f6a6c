using System.Globalization;
using RazorFaces.Protocol;
using RazorFaces.Transport;

namespace RazorFaces.Views;

/// <summary>
/// The work of one client message, whatever transport brought it: routes it to its view (found, rebuilt from its
/// record, or started afresh for an id the session does not know — never "session expired") and answers with
/// what the browser lacks. Runs inside a <see cref="ViewSession"/> unit of work, which commits it.
/// </summary>
internal static class MessageDispatcher
{
    public static async Task<ViewAnswer> HandleAsync(ViewWork work, ClientMessage message)
    {
        if (message.Type == MessageTypes.Close)
        {
            await work.CloseAsync(message.ViewId);
            return new ViewAnswer(message.ViewId, []);
        }
        try
        {
            return await HandleWithViewAsync(work, message);
        }
        catch (ViewPassivatedException)
        {
            // Passivated between resolving and handling: the second attempt rebuilds it from its record.
            return await HandleWithViewAsync(work, message);
        }
    }

    private static async Task<ViewAnswer> HandleWithViewAsync(ViewWork work, ClientMessage message)
    {
        var (view, startedNow) = await work.ResolveAsync(message.ViewId, message.Url);
        try
        {
            var messages = message.Type switch
            {
                MessageTypes.Event => await view.HandleEventAsync(message.EventId, message.Number, message.Target, message.Name, message.Args),
                MessageTypes.Navigate => await view.NavigateAsync(message.EventId, message.Number, message.Url),
                MessageTypes.Resync => view.Refresh(message.Number),
                MessageTypes.JSDone => await view.CompleteJSAsync(message.EventId, message.Number, long.Parse(message.CallId!, CultureInfo.InvariantCulture), message.Ok, message.Json, message.Bytes),
                MessageTypes.DotNet => await view.InvokeDotNetAsync(message.EventId, message.Number, message.CallId, message.Assembly, message.Method, message.ObjectId, message.Json, message.Bytes),
                _ => throw new ProtocolException(ErrorCodes.BadMessage, $"Unknown message type '{message.Type}'."),
            };
            work.Use(view);
            // A view started afresh under a new id has nothing in common with what the browser shows.
            return new ViewAnswer(view.Id, view.Id == message.ViewId ? messages : view.Refresh(reason: RefreshReasons.NewView));
        }
        catch (ProtocolException e) when (e.Code == ErrorCodes.NoHandler && startedNow)
        {
            // The view was just rebuilt or started afresh and the element the browser clicked is not there:
            // show the browser what is there instead of an error.
            work.Use(view);
            return new ViewAnswer(view.Id, view.Refresh(message.Number, RefreshReasons.StaleTarget));
        }
        catch (ProtocolException e) when (e.Code == ErrorCodes.ViewFailed)
        {
            await work.DropFailedAsync(view);
            throw;
        }
    }
}
