using System.Diagnostics.CodeAnalysis;

namespace RazorFaces.Testing.Client;

/// <summary>
/// What a <see cref="ViewSequencer"/> applies server messages to: the view's content in a document
/// (<see cref="ViewDocument"/>), or anything that stands for it (a benchmark's counter that only reads the count).
/// A message handed to it may be a reused one (<see cref="ServerMessageReader"/>): read it during the call, do not keep it.
/// </summary>
public interface IViewDocument
{
    /// <summary>
    /// Applies an update's patches in order, each path resolved against the content the previous ones left. False,
    /// with the reason, when a patch does not fit; the patches before it stay applied, as in the browser.
    /// </summary>
    bool TryApply(ServerMessage update, [NotNullWhen(false)] out string? problem);

    /// <summary>Replaces the whole content of the view by a refresh's html.</summary>
    void Replace(ServerMessage refresh);
}
