using RazorFaces.Dom;
using RazorFaces.Rendering;
using RazorFaces.Tests.Support;
using RazorFaces.Tests.Views;

namespace RazorFaces.Tests.Dom;

/// <summary>Component paths are the same in every view of a page, so views share one string per path (bounded).</summary>
public sealed class StringPoolTests
{
    [Fact]
    public async Task TwoViewsOfTheSamePageShareTheComponentPathsOfTheirSavedState()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync();
        using var first = server.NewBrowser();
        using var second = server.NewBrowser();
        var a = await first.OpenAsync("counter");
        var b = await second.OpenAsync("counter");
        await a.ClickAsync("#increment");

        var pathA = Assert.Single((await server.Registry().Find(a.ViewId)!.CaptureAsync()).Components).Key;
        var pathB = Assert.Single((await server.Registry().Find(b.ViewId)!.CaptureAsync()).Components).Key;

        Assert.Equal(pathA, pathB);
        Assert.Same(pathA, pathB);
    }

    [Fact]
    public async Task TwoViewsOfTheSamePageShareTheirEventTargetsAndNames()
    {
        await using var server = await RazorFacesTestServer.StartDemoAsync();
        using var first = server.NewBrowser();
        using var second = server.NewBrowser();
        var a = await first.OpenAsync("counter");
        var b = await second.OpenAsync("counter");

        var targetsA = Targets(server.Registry().Find(a.ViewId)!.Snapshot().Dom).ToList();
        var targetsB = Targets(server.Registry().Find(b.ViewId)!.Snapshot().Dom).ToList();

        Assert.NotEmpty(targetsA);
        Assert.Equal(targetsA.Count, targetsB.Count);
        Assert.All(targetsA.Zip(targetsB), pair => Assert.Same(pair.First, pair.Second));
    }

    [Fact]
    public void AnEqualPathComesBackAsTheFirstInstance()
    {
        var pool = new StringPool(10);
        var first = pool.Share(new string("root/0#0".AsSpan()));

        var again = pool.Share(new string("root/0#0".AsSpan()));

        Assert.Same(first, again);
        Assert.Equal(1, pool.Count);
    }

    [Fact]
    public void PastItsCapacityThePoolHandsPathsBackUnsharedAndGrowsNoFurther()
    {
        var pool = new StringPool(2);
        pool.Share("root/1#0");
        pool.Share("root/2#0");
        var third = new string("root/1k:42".AsSpan());

        var shared = pool.Share(third);

        Assert.Same(third, shared);
        Assert.NotSame(shared, pool.Share(new string("root/1k:42".AsSpan())));
        Assert.Equal(2, pool.Count);
    }

    [Fact]
    public async Task ConcurrentRenderersNeverPushThePoolPastItsCapacity()
    {
        var pool = new StringPool(100);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var workers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            await gate.Task;
            for (var i = 0; i < 500; i++)
            {
                Assert.Equal($"root/{i % 150}#0", pool.Share($"root/{i % 150}#0"));
            }
        })).ToList();

        gate.SetResult();
        await Task.WhenAll(workers);
        // A path refused while another thread held a slot it then gave back is admitted on a later call.
        for (var i = 0; i < 150; i++)
        {
            pool.Share($"root/{i}#0");
        }

        Assert.Equal(100, pool.Count);
    }

    // Every data-rf and data-rf-on value and every attribute name, in document order.
    private static IEnumerable<string> Targets(DomElement element)
    {
        foreach (var attribute in element.Attributes)
        {
            yield return attribute.Name;
            if (attribute.Name.StartsWith("data-rf", StringComparison.Ordinal))
            {
                yield return attribute.Value;
            }
        }
        foreach (var child in element.Children.OfType<DomElement>())
        {
            foreach (var value in Targets(child))
            {
                yield return value;
            }
        }
    }
}
