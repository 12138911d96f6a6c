using RazorFaces.Protocol;
using RazorFaces.Session;
using RazorFaces.Views;

namespace RazorFaces.Transport;

/// <summary>
/// Routes a checked client message to its view. Shared by every transport, so long-poll and (later)
/// SignalR follow exactly the same rules.
/// </summary>
internal sealed class MessageDispatcher(ViewRegistry views)
{
    public async Task<List<ViewMessage>> HandleAsync(BrowserSession session, ClientMessage message)
    {
        if (message.Type == MessageTypes.Close)
        {
            if (views.Find(message.ViewId) is { } closing && closing.SessionId == session.Id)
            {
                session.RemoveView(closing.Id);
                await views.RemoveAsync(closing.Id);
            }
            return [];
        }
        var view = FindView(session, message.ViewId);
        try
        {
            return message.Type switch
            {
                MessageTypes.Event => await view.HandleEventAsync(message.EventId, message.Number, message.Target, message.Name, message.Args),
                MessageTypes.Navigate => await view.NavigateAsync(message.EventId, message.Number, message.Url),
                MessageTypes.Resync => view.Refresh(),
                _ => throw new ViewException(ErrorCodes.BadMessage, $"Unknown message type '{message.Type}'."),
            };
        }
        catch (ViewException e) when (e.Code == ErrorCodes.ViewFailed)
        {
            session.RemoveView(view.Id);
            await views.RemoveAsync(view.Id);
            throw;
        }
    }

    /// <summary>The session's view with that id.</summary>
    /// <exception cref="ViewException">Unknown, or another session's.</exception>
    public LiveView FindView(BrowserSession session, string viewId)
    {
        var view = views.Find(viewId) ?? throw new ViewException(ErrorCodes.UnknownView, $"There is no view '{viewId}'.");
        if (view.SessionId != session.Id)
        {
            throw new ViewException(ErrorCodes.ForeignView, $"The view '{viewId}' belongs to another session.");
        }
        session.UseView(view.Id);
        return view;
    }
}
