namespace RazorFaces.Tests.TestComponents;

/// <summary>A signal a test opens to let a component's async handler go on.</summary>
public sealed class AsyncGate
{
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Opened => _opened.Task;

    public void Open() => _opened.TrySetResult();
}
