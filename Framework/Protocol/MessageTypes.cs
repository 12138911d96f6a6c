namespace RazorFaces.Protocol;

/// <summary>The <c>t</c> field of every protocol message (see docs/protocol.md).</summary>
internal static class MessageTypes
{
    /// <summary>Client → server: a DOM event on an element with a server handler.</summary>
    public const string Event = "event";

    /// <summary>Client → server: the client lost track of a view (gap, bad patch) and asks for a full refresh.</summary>
    public const string Resync = "resync";

    /// <summary>Client → server: the user navigated (link click or back/forward) inside the view.</summary>
    public const string Navigate = "nav";

    /// <summary>Client → server: the tab is closing; release the view.</summary>
    public const string Close = "close";

    /// <summary>Client → server: the browser finished a JavaScript call the server asked for (a <c>js</c> call).</summary>
    public const string JSDone = "jsdone";

    /// <summary>Client → server: browser JavaScript calls a .NET method (<c>DotNet.invokeMethodAsync</c>).</summary>
    public const string DotNet = "dotnet";

    /// <summary>Server → client: patches that turn view number n-1 into n.</summary>
    public const string Update = "update";

    /// <summary>Server → client: the whole body of the view at number n.</summary>
    public const string Refresh = "refresh";

    /// <summary>Server → client: load another URL in the browser (forceLoad or an external address).</summary>
    public const string Location = "location";

    /// <summary>Server → client: JavaScript interop: a call for the browser to make, or the result of a <c>dotnet</c> call.</summary>
    public const string JS = "js";

    /// <summary>Server → client: the request could not be served; <c>code</c> and <c>reason</c> say why.</summary>
    public const string Error = "error";
}
