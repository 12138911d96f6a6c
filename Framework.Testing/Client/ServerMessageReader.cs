using System.Text.Json;

namespace RazorFaces.Testing.Client;

/// <summary>
/// Reads server messages in place into one reused <see cref="ServerMessage"/>, for a hot path that hands each message
/// to a <see cref="ViewSequencer"/> before reading the next (a benchmark's thousands of simulated users): nothing is
/// allocated for an ordinary update. The message is valid until the next <see cref="Read"/> and while its JSON
/// document lives; the sequencer copies what it keeps (<see cref="ServerMessage.Detach"/>). Not thread-safe.
/// </summary>
public sealed class ServerMessageReader
{
    private readonly ServerMessage _message = ServerMessage.Reusable();

    /// <summary>
    /// Points the reused message at <paramref name="message"/>. <paramref name="knownView"/> (the view's current id)
    /// is reused rather than read again when the message names it.
    /// </summary>
    /// <exception cref="FormatException">The message has no <c>t</c>.</exception>
    public ServerMessage Read(JsonElement message, string? knownView = null)
    {
        _message.Point(message, borrowed: true, knownView);
        return _message;
    }
}
