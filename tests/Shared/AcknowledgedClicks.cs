using System.Globalization;
using RazorFaces.Testing.Client;

namespace RazorFaces.Tests.Support;

/// <summary>
/// The failover tests' verdict on a crowd of counter users: after a final resync, every user's count equals the clicks
/// the server acknowledged, no answer was a server error or "expired", and no view number stood for two pages.
/// </summary>
internal static class AcknowledgedClicks
{
    /// <summary>What went wrong, one line a problem (empty when nothing did).</summary>
    /// <param name="clients">The users, each on <c>/counter</c>.</param>
    /// <param name="freshViewIsAProblem">Whether a view started afresh (instead of rebuilt) counts as a problem.</param>
    public static async Task<List<string>> ProblemsAsync(IReadOnlyList<ViewClient> clients, bool freshViewIsAProblem = false)
    {
        var problems = new List<string>();
        for (var i = 0; i < clients.Count; i++)
        {
            var client = clients[i];
            if (!(await client.ResyncAsync()).IsSuccess)
            {
                problems.Add($"user {i}: the final resync failed: {string.Join("; ", client.Failures.TakeLast(5))}");
                continue;
            }
            var count = int.Parse(client.Text("#count"), CultureInfo.InvariantCulture);
            if (count != client.Acknowledged)
            {
                problems.Add($"user {i}: count {count}, acknowledged {client.Acknowledged}");
            }
            problems.AddRange(client.Failures
                .Where(f => f.Contains(" 500", StringComparison.Ordinal) || f.Contains("410", StringComparison.Ordinal) || f.Contains("expired", StringComparison.Ordinal))
                .Select(f => $"user {i}: {f}"));
            if (freshViewIsAProblem && client.ViewsAdopted > 0)
            {
                problems.Add($"user {i}: the view was started afresh {client.ViewsAdopted} time(s)");
            }
            problems.AddRange(client.Collisions.Select(c => $"user {i}: {c}"));
        }
        return problems;
    }
}
