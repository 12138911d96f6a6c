namespace RazorFaces.Protocol;

/// <summary>Names shared by the server, the host page and the client (see docs/protocol.md).</summary>
internal static class ProtocolConstants
{
    /// <summary>The request header that carries the CSRF token.</summary>
    public const string TokenHeader = "X-RF-Token";

    /// <summary>The request header that carries the version of the client script the page runs.</summary>
    public const string ClientVersionHeader = "X-RF-Client";

    /// <summary>The cookie that carries the session id.</summary>
    public const string SessionCookie = "rf-session";

    /// <summary>
    /// The short-lived cookie a page sets before it reloads for a newer client (<c>client-outdated</c>): it names
    /// the view, so the reloaded page continues that view from its saved state instead of starting afresh.
    /// </summary>
    public const string ResumeCookie = "rf-resume";

    /// <summary>The id of the element whose children are the view's DOM.</summary>
    public const string RootElementId = "rf-root";

    /// <summary>Attribute naming an element's stable event target reference.</summary>
    public const string TargetAttribute = "data-rf";

    /// <summary>Attribute listing the events (space separated) the element has server handlers for.</summary>
    public const string EventsAttribute = "data-rf-on";

    /// <summary>Attribute listing the events whose default action the browser must prevent.</summary>
    public const string PreventDefaultAttribute = "data-rf-pd";

    /// <summary>Attribute listing the events whose propagation the browser must stop.</summary>
    public const string StopPropagationAttribute = "data-rf-sp";

    /// <summary>
    /// Attribute of the view root on the first page: the shape of the view's DOM (<c>DomShape</c>). A client whose
    /// parsed page has another shape (the HTML parser rebuilt some markup) asks for a refresh.
    /// </summary>
    public const string ShapeAttribute = "data-rf-shape";

    /// <summary>
    /// The comments <c>&lt;!--rf-head--&gt;</c> and <c>&lt;!--/rf-head--&gt;</c> around the view's part of the document head
    /// (title, <c>&lt;HeadContent&gt;</c>), which an update's or refresh's <c>head</c> replaces.
    /// </summary>
    public const string HeadMarker = "rf-head";

    /// <summary>Path prefix of the framework's own endpoints.</summary>
    public const string EndpointPrefix = "/_rf";
}
