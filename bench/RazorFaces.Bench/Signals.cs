using System.Runtime.InteropServices;

namespace RazorFaces.Bench;

/// <summary>POSIX signals beyond the SIGKILL that <see cref="System.Diagnostics.Process.Kill()"/> sends.</summary>
internal static class Signals
{
    // DllImport rather than LibraryImport: the source-generated form needs unsafe code enabled for one int call.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static extern int Send(int pid, int signal);
}
