using System.Diagnostics;
using System.Text;

namespace RazorFaces.Tests.Packaging;

/// <summary>
/// Runs the .NET CLI as a user would, from a test: each command is a child process of this test, with a time limit,
/// killed (it and its own children only) when it runs over. MSBuild's settings inherited from the `dotnet test` that
/// runs this test are removed, so a build in a temporary folder is the same as one typed in a shell; node reuse and
/// the compiler server are off, so no build process outlives the command.
/// </summary>
internal static class DotnetCli
{
    public static string Executable { get; } =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/>; throws with everything it printed unless it exits 0.</summary>
    public static async Task<string> RunAsync(string workingDirectory, TimeSpan timeLimit, params string[] arguments)
    {
        using var process = Start(workingDirectory, arguments, out var output);
        using var timeout = new CancellationTokenSource(timeLimit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} ran over {timeLimit}:\n{Text(output)}");
        }
        // The no-argument wait also waits for the redirected output to be read to its end.
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{Text(output)}");
        }
        return Text(output);
    }

    /// <summary>Starts <c>dotnet</c> with <paramref name="arguments"/> and collects what it prints into <paramref name="output"/>.</summary>
    public static Process Start(string workingDirectory, IEnumerable<string> arguments, out StringBuilder output)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        var collected = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + Executable);
        process.OutputDataReceived += (_, e) => Append(collected, e.Data);
        process.ErrorDataReceived += (_, e) => Append(collected, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        output = collected;
        return process;
    }

    public static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
