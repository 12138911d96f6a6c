namespace RazorFaces;

/// <summary>This node in a cluster (<see cref="RazorFacesOptions.Cluster"/>).</summary>
public sealed class ClusterOptions
{
    /// <summary>This node's name (shown by the affinity cookie and the membership list). Default: machine name and process id.</summary>
    public string NodeName { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";
}
