using System.Text;
using System.Text.Encodings.Web;
using RazorFaces.Dom;
using RazorFaces.Protocol;

namespace RazorFaces.Transport;

/// <summary>The HTML document of a first GET: the view rendered on the server, plus what the client needs to take over.</summary>
internal static class HostPage
{
    // head: the view's head content (its title, <HeadContent>) as HTML; the client replaces what stands between the
    // rf-head comments when it changes.
    public static string Write(RazorFacesOptions options, string pathBase, string csrfToken, string viewId, int number, DomElement root, string? head = null)
    {
        var encoder = HtmlEncoder.Default;
        var html = new StringBuilder(4096);
        html.Append("<!DOCTYPE html>\n<html data-rf-status=\"connected\" data-rf-transport=\"")
            .Append(options.Transport.Client.ToString().ToLowerInvariant())
            .Append("\" data-rf-heartbeat=\"").Append((long)options.Transport.HeartbeatInterval.TotalMilliseconds)
            .Append("\" data-rf-max-frame=\"").Append(SignalR.HubRegistration.FrameLimit(options.Transport.MaxMessageBytes))
            .Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<base href=\"").Append(encoder.Encode(pathBase)).Append("/\">\n")
            .Append("<meta name=\"rf-token\" content=\"").Append(encoder.Encode(csrfToken)).Append("\">\n")
            .Append("<meta name=\"rf-client\" content=\"").Append(ClientScript.VersionFor(options.Transport)).Append("\">\n")
            .Append("<!--").Append(ProtocolConstants.HeadMarker).Append("-->")
            .Append(head ?? "<title>" + encoder.Encode(options.Title) + "</title>")
            .Append("<!--/").Append(ProtocolConstants.HeadMarker).Append("-->\n")
            .Append(options.HeadHtml)
            .Append("\n</head>\n<body>\n<div id=\"").Append(ProtocolConstants.RootElementId)
            .Append("\" data-rf-view=\"").Append(encoder.Encode(viewId))
            .Append("\" data-rf-n=\"").Append(number)
            // The browser's parser rebuilds some markup into another tree (a div in a p…); the client compares.
            .Append("\" ").Append(ProtocolConstants.ShapeAttribute).Append("=\"").Append(DomShape.Of(root)).Append("\">");
        foreach (var child in root.Children)
        {
            DomHtmlWriter.Write(child, html);
        }
        html.Append("</div>\n<script src=\"").Append(encoder.Encode(pathBase)).Append(ProtocolConstants.EndpointPrefix)
            .Append("/razorfaces.js\"></script>\n</body>\n</html>\n");
        return html.ToString();
    }
}
