namespace Demo.App.Chat;

/// <summary>One chat line.</summary>
public sealed record ChatMessage(long Id, string Author, string Text, DateTimeOffset At);
