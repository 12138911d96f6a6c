namespace Demo.App.Chat;

/// <summary>
/// What keeps the chat bounded: every visitor's page shows the history and every node keeps it, so neither may
/// grow with the number of messages ever sent, nor with the length of one.
/// </summary>
public static class ChatLimits
{
    /// <summary>The longest message, in characters.</summary>
    public const int MaxTextLength = 500;

    /// <summary>How many messages the history keeps; older ones are dropped as new ones arrive.</summary>
    public const int Keep = 200;

    /// <summary>How many of the newest messages the page shows.</summary>
    public const int Shown = 50;
}
