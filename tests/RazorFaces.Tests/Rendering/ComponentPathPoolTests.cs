using RazorFaces.Rendering;
using RazorFaces.Tests.Support;
using RazorFaces.Tests.Views;

namespace RazorFaces.Tests.Rendering;

/// <summary>Component paths are the same in every view of a page, so views share one string per path (bounded).</summary>
public sealed class ComponentPathPoolTests
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
    public void AnEqualPathComesBackAsTheFirstInstance()
    {
        var pool = new ComponentPathPool(10);
        var first = pool.Share(new string("root/0#0".AsSpan()));

        var again = pool.Share(new string("root/0#0".AsSpan()));

        Assert.Same(first, again);
        Assert.Equal(1, pool.Count);
    }

    [Fact]
    public void PastItsCapacityThePoolHandsPathsBackUnsharedAndGrowsNoFurther()
    {
        var pool = new ComponentPathPool(2);
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
        var pool = new ComponentPathPool(100);
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
}
