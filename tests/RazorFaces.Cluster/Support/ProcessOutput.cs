using System.Diagnostics;
using System.Text;

namespace RazorFaces.Cluster.Tests.Support;

/// <summary>Collects what child processes print, for failure messages (kept across restarts).</summary>
internal sealed class ProcessOutput
{
    private readonly StringBuilder _text = new();

    public void Attach(Process process, string prefix)
    {
        process.OutputDataReceived += (_, e) => Append(prefix, e.Data);
        process.ErrorDataReceived += (_, e) => Append(prefix, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public void Note(string line) => Append("test", line);

    public override string ToString()
    {
        lock (_text)
        {
            return _text.ToString();
        }
    }

    private void Append(string prefix, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_text)
        {
            _text.Append(prefix).Append(": ").AppendLine(line);
        }
    }
}
