using RazorFaces.Views;

namespace RazorFaces.Protocol;

/// <summary>
/// The messages answering one client message, and the id of the view they are about: a view the server had to
/// start afresh has a new id, which the client adopts from the refresh.
/// </summary>
internal sealed record ViewAnswer(string ViewId, List<ViewMessage> Messages);
