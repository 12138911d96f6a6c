namespace RazorFaces.Bench;

/// <summary>One count of /counter views on a fresh server: managed memory per view live and passivated, and what proved them alive.</summary>
/// <param name="Views">Views opened (each in its own session, each clicked <see cref="ViewMemoryRun.Clicks"/> times).</param>
/// <param name="LiveBytesPerView">Managed heap growth over the baseline per view, all views live.</param>
/// <param name="PassivatedBytesPerView">The same after every live view was dropped (records kept in the store).</param>
/// <param name="LiveAnswered">Sampled live views that answered one more click with the next count.</param>
/// <param name="RebuiltAnswered">Sampled passivated views that were rebuilt and answered the click after that.</param>
/// <param name="Sampled">How many views were sampled for each of those checks.</param>
/// <param name="HeapBytes">The whole GC heap with every view live (<c>GCMemoryInfo.HeapSizeBytes</c>).</param>
/// <param name="WorkingSetBytes">The process working set with every view live.</param>
/// <param name="OpenSeconds">How long opening and clicking the views took.</param>
internal sealed record ViewMemoryResult(
    int Views, long LiveBytesPerView, long PassivatedBytesPerView, int LiveAnswered, int RebuiltAnswered, int Sampled,
    long BaselineBytes, long HeapBytes, long WorkingSetBytes, double OpenSeconds)
{
    public bool AllAlive => LiveAnswered == Sampled && RebuiltAnswered == Sampled;
}
