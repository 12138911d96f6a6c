using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RazorFaces.Protocol;
using RazorFaces.Session;
using RazorFaces.State;
using RazorFaces.Tests.Support;
using RazorFaces.Views;

namespace RazorFaces.Tests.Views;

/// <summary>Ways a test takes live views away from a server, as passivation or a failover would.</summary>
internal static class ViewDrops
{
    public static ViewRegistry Registry(this RazorFacesTestServer server) => server.Services.GetRequiredService<ViewRegistry>();

    /// <summary>Drops every live view through the test hook (<c>EnableTestHooks</c>), as the end-to-end tests do.</summary>
    public static async Task PassivateAllThroughTheHookAsync(this BrowserSession browser)
    {
        using var response = await browser.Http.PostAsync(ProtocolConstants.EndpointPrefix.TrimStart('/') + "/test/passivate", content: null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Changes the stored record of a view behind the server's back, as another node's write would.</summary>
    public static async Task ChangeStoredRecordAsync(this RazorFacesTestServer server, string sessionId, string viewId, Action<ViewRecord> change)
    {
        var store = server.Services.GetRequiredService<ISessionStore>();
        var serializer = server.Services.GetRequiredService<ISessionSerializer>();
        var stored = await store.LoadAsync(sessionId) ?? throw new InvalidOperationException($"No stored session {sessionId}.");
        var field = SessionFields.ViewField(viewId);
        var record = (ViewRecord)serializer.DeserializeField(stored.Fields[field], typeof(ViewRecord))!;
        change(record);
        var version = await store.SaveAsync(sessionId, new SessionChanges(
            stored.Version, new Dictionary<string, byte[]> { [field] = serializer.Serialize(record, typeof(ViewRecord)) }, [], TimeSpan.FromMinutes(30)));
        Assert.NotNull(version);
    }
}
