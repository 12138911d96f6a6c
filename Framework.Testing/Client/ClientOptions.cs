namespace RazorFaces.Testing.Client;

/// <summary>How a <see cref="BrowserSession"/> and its <see cref="ViewClient"/>s behave where a test may want other than the browser's defaults.</summary>
public sealed record ClientOptions
{
    /// <summary>
    /// How long a message that failed transiently (no answer, or a 5xx such as <c>busy</c>) is retried with the
    /// browser's backoff before its last answer is returned as it is. The browser never gives up; a test must.
    /// </summary>
    public TimeSpan RetryFor { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether a patch that does not fit throws <see cref="PatchFidelityException"/> (from the call that applied it, or,
    /// when a background poll or a push applied it, from the next call) instead of being recovered from by a
    /// resync as the browser does. On by default: a test client exists to catch a server that sent a wrong patch.
    /// </summary>
    public bool ThrowOnUnfitPatch { get; init; } = true;

    /// <summary>How long a gap in view numbers may stay open before the client resyncs.</summary>
    public TimeSpan GapWait { get; init; } = ViewSequencer.DefaultGapWait;

    /// <summary>How long one HTTP request may take (a long-poll waits up to the server's poll timeout, 25 s by default).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>The clock of the gap timer and the retry backoff.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The jitter of the retry backoff (shared between threads: it must be thread-safe).</summary>
    public Random Random { get; init; } = Random.Shared;
}
