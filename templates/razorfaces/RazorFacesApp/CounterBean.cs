namespace RazorFacesApp;

/// <summary>
/// A session bean: one instance per browser session, shared by all its tabs. Its public properties are its state,
/// stored with the session (and replicated when the app keeps sessions in Redis), so it must stay serializable.
/// </summary>
public sealed class CounterBean
{
    public int Count { get; set; }

    public void Increment() => Count++;
}
