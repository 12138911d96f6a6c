using Demo.App;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using RazorFaces.State;

namespace RazorFaces.Tests.Beans;

public sealed class StartupValidationTests
{
    [Fact]
    public async Task AnAppWhoseBeanHoldsAnHttpClientFailsAtMapRazorFacesNamingTheBeanAndTheMember()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Services.AddSingleton(new NodeInfo("test-node"));
        builder.Services.AddRazorFaces();
        builder.Services.AddSessionBean<HttpClientBean>();
        await using var app = builder.Build();

        var error = Assert.Throws<SessionStateException>(() => app.MapRazorFaces<App>());

        Assert.Contains(nameof(HttpClientBean), error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(HttpClientBean.Backend), error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(HttpClient), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAppWhoseBeansCanMigrateStartsNormally()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Services.AddSingleton(new NodeInfo("test-node"));
        builder.Services.AddRazorFaces();
        builder.Services.AddSessionBean<TallyBean>();
        builder.Services.AddViewBean<NoteBean>();
        await using var app = builder.Build();

        app.MapRazorFaces<App>();
    }

    [Fact]
    public async Task AnAppWhoseBeanOnlyJsonCanStoreFailsAtMapRazorFacesWithTheDefaultFormatAndStartsWithJson()
    {
        await using (var app = Build(format: null))
        {
            var error = Assert.Throws<SessionStateException>(() => app.MapRazorFaces<App>());

            Assert.StartsWith("BigTotalBean.Total: Int128 cannot be stored in the MessagePack format", error.Message, StringComparison.Ordinal);
        }
        await using (var app = Build(SessionFormat.Json))
        {
            app.MapRazorFaces<App>();
        }

        static WebApplication Build(SessionFormat? format)
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
            builder.Services.AddSingleton(new NodeInfo("test-node"));
            builder.Services.AddRazorFaces(o => o.Sessions.Format = format ?? o.Sessions.Format);
            builder.Services.AddSessionBean<BigTotalBean>();
            return builder.Build();
        }
    }
}
