using RazorFaces.Diagnostics;
using RazorFaces.Protocol;

namespace RazorFaces.Transport;

/// <summary>Counts what went to a browser: its bytes, and each whole-view refresh by its reason.</summary>
internal static class SentMessages
{
    public static void Record(RazorFacesMetrics? metrics, string transport, long bytes, IReadOnlyList<ViewMessage> messages)
    {
        if (metrics is null)
        {
            return;
        }
        metrics.Sent(transport, bytes);
        foreach (var message in messages)
        {
            if (message is RefreshMessage refresh)
            {
                metrics.Refreshed(refresh.Reason);
            }
        }
    }
}
