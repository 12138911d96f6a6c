using System.Buffers;
using System.Numerics;
using System.Reflection;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.RenderTree;

namespace RazorFaces.Rendering;

/// <summary>
/// Shrinks what Blazor keeps per component between renders, once a render batch is done. Every view of a node is live
/// at once and most components render once and never again (the router, the layout, the auth state), so their
/// buffers are the bulk of a live view (docs/performance-work.md, "Memory per view"):
/// <list type="bullet">
/// <item>the previous render's frames, which Blazor keeps until the component renders again (it clears them then
/// anyway), are given back to the pool at once;</item>
/// <item>the current frames, rented from <see cref="ArrayPool{T}.Shared"/> at 32 frames or more and doubled while the
/// render grew (a component of 70 frames holds 128), are copied into an array of exactly their count;</item>
/// <item>so is the snapshot of direct parameters a component with a changing cascading value keeps;</item>
/// <item>the builders' element stacks, empty between renders, drop their arrays.</item>
/// </list>
/// Rendering is unchanged: Blazor starts every render from an empty buffer and rents while it grows; the compacted
/// builders get a pool that rents from the shared one and lets exact arrays (not the shared pool's sizes) go to the GC.
/// </summary>
/// <remarks>
/// Blazor keeps these fields private, so they are reached by reflection, looked up once. If a Blazor version renames
/// them, compaction turns itself off (<see cref="IsAvailable"/>; a test fails first) and views only use more memory.
/// </remarks>
internal static class RenderBufferCompactor
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.NonPublic;

    private static readonly FieldInfo? NextRenderTree = typeof(ComponentState).GetField("_nextRenderTree", Instance);
    private static readonly FieldInfo? ParametersSnapshot = typeof(ComponentState).GetField("_latestDirectParametersSnapshot", Instance);
    private static readonly Func<ComponentState, RenderTreeBuilder>? CurrentRenderTree = CurrentRenderTreeGetter();
    private static readonly FieldInfo? Entries = typeof(RenderTreeBuilder).GetField("_entries", Instance);
    private static readonly FieldInfo? OpenElements = typeof(RenderTreeBuilder).GetField("_openElementIndices", Instance);
    private static readonly Type? FrameArrayBuilder = Entries?.FieldType.BaseType;
    private static readonly FieldInfo? Items = FrameArrayBuilder?.GetField("_items", Instance);
    private static readonly FieldInfo? ItemsInUse = FrameArrayBuilder?.GetField("_itemsInUse", Instance);
    private static readonly FieldInfo? Pool = FrameArrayBuilder?.GetField("_arrayPool", Instance);

    /// <summary>Off only to measure what compaction saves and costs (the benchmark's <c>--no-compaction</c>).</summary>
    internal static bool Enabled { get; set; } = true;

    /// <summary>Whether this Blazor version has the fields compaction needs.</summary>
    public static bool IsAvailable { get; } =
        NextRenderTree is not null && ParametersSnapshot is not null && CurrentRenderTree is not null && Entries is not null
        && OpenElements?.FieldType == typeof(Stack<int>)
        && Items?.FieldType == typeof(RenderTreeFrame[]) && ItemsInUse?.FieldType == typeof(int)
        && Pool?.FieldType == typeof(ArrayPool<RenderTreeFrame>)
        && ParametersSnapshot.FieldType == FrameArrayBuilder;

    /// <summary>Compacts the buffers of a component that has just rendered (call on the dispatcher, outside a render).</summary>
    public static void Compact(ComponentState state)
    {
        if (!IsAvailable || !Enabled)
        {
            return;
        }
        var previous = (RenderTreeBuilder)NextRenderTree!.GetValue(state)!;
        previous.Clear();
        TrimStack(previous);
        var current = CurrentRenderTree!(state);
        TrimStack(current);
        Shrink(Entries!.GetValue(current)!);
        if (ParametersSnapshot!.GetValue(state) is { } snapshot)
        {
            Shrink(snapshot);
        }
    }

    /// <summary>
    /// Bytes of a component's frame arrays (current, previous, parameter snapshot), and bytes of the frames in them:
    /// what it holds between renders and what it needs.
    /// </summary>
    public static (long Held, long Used) Measure(ComponentState state)
    {
        if (!IsAvailable)
        {
            return (0, 0);
        }
        long held = 0, used = 0;
        foreach (var builder in (object?[])[Entries!.GetValue(CurrentRenderTree!(state)), Entries.GetValue(NextRenderTree!.GetValue(state)), ParametersSnapshot!.GetValue(state)])
        {
            if (builder is not null)
            {
                held += ((RenderTreeFrame[])Items!.GetValue(builder)!).Length;
                used += (int)ItemsInUse!.GetValue(builder)!;
            }
        }
        var frameBytes = System.Runtime.CompilerServices.Unsafe.SizeOf<RenderTreeFrame>();
        return (held * frameBytes, used * frameBytes);
    }

    private static void Shrink(object arrayBuilder)
    {
        var items = (RenderTreeFrame[])Items!.GetValue(arrayBuilder)!;
        var count = (int)ItemsInUse!.GetValue(arrayBuilder)!;
        if (count == items.Length)
        {
            return;
        }
        var exact = count == 0 ? [] : new RenderTreeFrame[count];
        Array.Copy(items, exact, count);
        // Swap the pool first: from now on this builder may hand the pool an array of any length.
        if (Pool!.GetValue(arrayBuilder) is not ExactFramePool)
        {
            var shared = (ArrayPool<RenderTreeFrame>)Pool.GetValue(arrayBuilder)!;
            Pool.SetValue(arrayBuilder, ExactFramePool.Over(shared));
        }
        Items.SetValue(arrayBuilder, exact);
        ((ArrayPool<RenderTreeFrame>)Pool.GetValue(arrayBuilder)!).Return(ClearedPrefix(items, count));
    }

    // The pool clears nothing; frames hold references (components, delegates, strings) the GC must not keep alive.
    private static RenderTreeFrame[] ClearedPrefix(RenderTreeFrame[] items, int count)
    {
        Array.Clear(items, 0, count);
        return items;
    }

    private static void TrimStack(RenderTreeBuilder builder)
    {
        if (OpenElements!.GetValue(builder) is Stack<int> { Count: 0 } stack)
        {
            stack.TrimExcess();
        }
    }

    private static Func<ComponentState, RenderTreeBuilder>? CurrentRenderTreeGetter()
    {
        var getter = typeof(ComponentState).GetProperty("CurrentRenderTree", Instance)?.GetMethod;
        return getter?.ReturnType == typeof(RenderTreeBuilder)
            ? getter.CreateDelegate<Func<ComponentState, RenderTreeBuilder>>()
            : null;
    }

    /// <summary>
    /// Rents from the shared pool; takes back only what the shared pool can hold (its sizes are powers of two from 16)
    /// and leaves exact arrays to the GC. The shared pool throws on an array of another length.
    /// </summary>
    private sealed class ExactFramePool(ArrayPool<RenderTreeFrame> inner) : ArrayPool<RenderTreeFrame>
    {
        private static readonly ExactFramePool OverShared = new(Shared);

        public static ExactFramePool Over(ArrayPool<RenderTreeFrame> inner) => ReferenceEquals(inner, Shared) ? OverShared : new(inner);

        public override RenderTreeFrame[] Rent(int minimumLength) => inner.Rent(minimumLength);

        public override void Return(RenderTreeFrame[] array, bool clearArray = false)
        {
            if (array.Length >= 16 && BitOperations.IsPow2(array.Length))
            {
                inner.Return(array, clearArray);
            }
        }
    }
}
