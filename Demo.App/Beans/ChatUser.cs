namespace Demo.App.Beans;

/// <summary>Who this session is in the chat: a name chosen on first use, kept for the session.</summary>
public sealed class ChatUser
{
    public string Name { get; set; } = "guest-" + Random.Shared.Next(1000, 10000).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
