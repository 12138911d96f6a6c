namespace RazorFaces.Tests.Beans;

/// <summary>A bean that cannot move to another node: it holds a connection pool.</summary>
public sealed class HttpClientBean
{
    /// <summary>What a page author might be tempted to keep in a bean.</summary>
    public HttpClient? Backend { get; set; }
}
