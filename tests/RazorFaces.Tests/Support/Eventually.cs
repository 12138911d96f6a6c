namespace RazorFaces.Tests.Support;

/// <summary>Waits for a condition another thread makes true, with a generous overall timeout (never a fixed delay).</summary>
public static class Eventually
{
    /// <summary>Returns once <paramref name="condition"/> holds; fails after <paramref name="timeout"/> (default 30 s).</summary>
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }
            await Task.Delay(5);
        }
    }
}
