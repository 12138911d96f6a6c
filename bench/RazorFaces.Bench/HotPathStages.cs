namespace RazorFaces.Bench;

/// <summary>
/// Puts a profile sample in a stage of the event's path by its stack: walking from the leaf towards the thread's
/// start, the first frame that belongs to a known layer decides (a JSON writer called by the answer writer counts as
/// the answer; a socket send called by Kestrel counts as the HTTP server).
/// </summary>
internal static class HotPathStages
{
    public const string Other = "other (runtime, sockets, GC polls)";

    // Order matters only within one frame: the first prefix that matches names the stage.
    private static readonly (string Prefix, string Stage)[] Rules =
    [
        ("RazorFaces.Dom.DomDiff", "diff"),
        ("RazorFaces.Dom.DomFingerprint", "DOM fingerprint"),
        ("RazorFaces.Dom.DomHash", "DOM fingerprint"),
        ("RazorFaces.Dom.", "DOM build"),
        ("RazorFaces.Rendering.FrameDomBuilder", "DOM build"),
        ("RazorFaces.Rendering.FrameLocalIds", "DOM build"),
        ("RazorFaces.Rendering.MarkupCache", "DOM build"),
        ("RazorFaces.Rendering.ViewRenderer.CaptureState", "session: capture, encode, save"),
        ("RazorFaces.Rendering.", "render (Blazor components)"),
        ("Microsoft.AspNetCore.Components.", "render (Blazor components)"),
        ("Demo.App.", "render (Blazor components)"),
        ("RazorFaces.Protocol.", "answer: JSON writing"),
        ("RazorFaces.Transport.ViewMessageWriter", "answer: JSON writing"),
        ("RazorFaces.Transport.LongPollEndpoints+<WriteAsync>", "answer: JSON writing"),
        ("RazorFaces.Transport.LongPollEndpoints.WriteAsync", "answer: JSON writing"),
        ("RazorFaces.Transport.ClientMessageReader", "message: read and parse"),
        ("RazorFaces.Transport.MessageBody", "message: read and parse"),
        ("RazorFaces.State.", "session: capture, encode, save"),
        ("RazorFaces.Session.", "session: capture, encode, save"),
        ("RazorFaces.Views.", "dispatch: view, dispatcher hops"),
        ("RazorFaces.Transport.", "dispatch: view, dispatcher hops"),
        ("RazorFaces.Hosting.", "dispatch: view, dispatcher hops"),
        ("RazorFaces.Bench.", "benchmark client (HttpClient)"),
        ("System.Net.Http.", "benchmark client (HttpClient)"),
        ("Microsoft.AspNetCore.", "HTTP server (Kestrel, hosting, routing)"),
        ("System.Threading.PortableThreadPool", "thread pool (scheduling, spinning)"),
        ("System.Threading.LowLevel", "thread pool (scheduling, spinning)"),
    ];

    /// <summary>The stages in the order the report lists them (server work first).</summary>
    public static IReadOnlyList<string> All { get; } = [.. Rules.Select(r => r.Stage).Distinct().Append(Other)];

    /// <summary>Whether the stage is work the server does for the event (not the benchmark's client or idle threads).</summary>
    public static bool IsServer(string stage) =>
        stage is not ("benchmark client (HttpClient)" or "thread pool (scheduling, spinning)" or Other);

    public static string Of(string[] stack)
    {
        foreach (var frame in stack)
        {
            foreach (var (prefix, stage) in Rules)
            {
                if (frame.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return stage;
                }
            }
        }
        return Other;
    }
}
