using System.Diagnostics;

namespace RazorFaces.Cluster.Tests.Support;

/// <summary>POSIX signals to a child process (SIGTERM for a graceful stop, SIGSTOP/SIGCONT to freeze one).</summary>
internal static class Signals
{
    public static void Send(Process process, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("Could not run kill.");
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {process.Id} failed with {kill.ExitCode}.");
        }
    }
}
