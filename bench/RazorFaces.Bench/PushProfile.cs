using System.Globalization;
using System.Text;

namespace RazorFaces.Bench;

/// <summary>
/// Where a push's CPU goes on a node: what the measured pushes cost both nodes and redis-server in CPU and Redis
/// commands per view, and a sampling profile of node A during a few more pushes (after the measured ones, so
/// the sampler's own cost is in no measured figure), each sample put in a stage of the push path by its stack.
/// </summary>
internal sealed record PushProfile(
    int Views, int Pushes, double NodeCpuUsPerViewPush, double RedisCpuUsPerViewPush,
    IReadOnlyDictionary<string, double> RedisCallsPerViewPush, IReadOnlyDictionary<string, int> Samples)
{
    public const string Other = "other (runtime, GC)";

    /// <summary>Threads that wait for work (idle pool workers, the socket engine's epoll loop, timers): not CPU.</summary>
    public const string Idle = "waiting (idle threads)";

    // Leaf frames of a thread that waits: the sampler sees it "in managed code" at the wait's entry, but the wait
    // uses no CPU (measured: turning the pool's spinning off changed no CPU figure), so these are left out of
    // the shares.
    private static readonly string[] IdleLeaves =
    [
        "System.Threading.LowLevelLifoSemaphore.Wait",
        "System.Threading.PortableThreadPool+WorkerThread.WorkerThreadStart",
        "System.Threading.WaitHandle.WaitOne",
        "System.Threading.Monitor.Wait",
    ];

    // The first frame from the leaf that one of these prefixes matches decides the stage.
    private static readonly (string Prefix, string Stage)[] Rules =
    [
        ("RazorFaces.Dom.DomDiff", "diff"),
        ("RazorFaces.Dom.DomFingerprint", "DOM build and fingerprint"),
        ("RazorFaces.Dom.DomHash", "DOM build and fingerprint"),
        ("RazorFaces.Dom.", "DOM build and fingerprint"),
        ("RazorFaces.Rendering.FrameDomBuilder", "DOM build and fingerprint"),
        ("RazorFaces.Rendering.FrameLocalIds", "DOM build and fingerprint"),
        ("RazorFaces.Rendering.MarkupCache", "DOM build and fingerprint"),
        ("RazorFaces.Rendering.ViewRenderer.CaptureState", "capture, encode, save"),
        ("RazorFaces.Rendering.", "render (OnPushAsync, Blazor components)"),
        ("Microsoft.AspNetCore.Components.", "render (OnPushAsync, Blazor components)"),
        ("Demo.App.", "render (OnPushAsync, Blazor components)"),
        ("RazorFaces.State.", "capture, encode, save"),
        ("RazorFaces.Session.SessionCodec", "capture, encode, save"),
        ("RazorFaces.Session.", "lease, load, save (session layer)"),
        ("RazorFaces.Redis.", "Redis client"),
        ("StackExchange.Redis.", "Redis client"),
        ("RazorFaces.Protocol.", "send: serialize and SignalR"),
        ("RazorFaces.Transport.", "send: serialize and SignalR"),
        ("Microsoft.AspNetCore.SignalR.", "send: serialize and SignalR"),
        ("Microsoft.AspNetCore.Http.Connections.", "send: serialize and SignalR"),
        ("System.IO.Pipelines.", "send: serialize and SignalR"),
        ("System.Net.WebSockets.", "send: serialize and SignalR"),
        ("System.Net.Sockets.SocketPal.TryCompleteSend", "send: serialize and SignalR"),
        ("RazorFaces.Push.", "scheduling (push queue, view gate, dispatcher)"),
        ("RazorFaces.Views.", "scheduling (push queue, view gate, dispatcher)"),
        ("System.Threading.PortableThreadPool", "thread pool (scheduling, spinning)"),
        ("System.Threading.LowLevel", "thread pool (scheduling, spinning)"),
    ];

    private static readonly IReadOnlyList<string> Stages = [.. Rules.Select(r => r.Stage).Distinct().Append(Other)];

    public static string StageOf(string[] stack)
    {
        if (stack.Length == 0 || IdleLeaves.Any(leaf => stack[0].StartsWith(leaf, StringComparison.Ordinal))
            || (stack[0].StartsWith('?') && stack.Skip(1).FirstOrDefault()?.StartsWith("System.Net.Sockets.SocketAsyncEngine.EventLoop", StringComparison.Ordinal) == true))
        {
            return Idle;
        }
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

    public void Write(StringBuilder md)
    {
        var invariant = CultureInfo.InvariantCulture;
        var total = (double)Samples.Where(s => s.Key != Idle).Sum(s => s.Value);
        md.AppendLine(invariant, $"Where it goes at {Views} views: both nodes together used {NodeCpuUsPerViewPush:0} µs of CPU per view per push over the {Pushes} measured pushes, redis-server {RedisCpuUsPerViewPush:0} µs inside commands; per view per push Redis ran {string.Join(", ", RedisCallsPerViewPush.OrderByDescending(c => c.Value).Select(c => string.Create(invariant, $"{c.Value:0.00} {c.Key}")))}. A sampling profile of node A over {ProfiledPushes} more pushes ({total:0} samples of threads running managed code, and {Samples.GetValueOrDefault(Idle)} more of idle threads at their wait, left out), each sample in the stage of the first frame from the leaf that a layer claims, the µs its share of the nodes' CPU per view:").AppendLine();
        md.AppendLine("| stage | share | µs per view per push |").AppendLine("|---|---:|---:|");
        foreach (var stage in Stages.Where(s => s != Idle && Samples.ContainsKey(s)))
        {
            var share = Samples[stage] / total;
            md.AppendLine(invariant, $"| {stage} | {share:0.0%} | {share * NodeCpuUsPerViewPush:0} |");
        }
        md.AppendLine();
    }

    public const int ProfiledPushes = 5;
}
