using BlazorServerPeer.Components;

// Blazor Server as `dotnet new blazor --interactivity Server` makes it, minus what the benchmark does not need
// (HTTPS redirection, error pages, Bootstrap): the interactive root renders the same pages as Demo.App.
var builder = WebApplication.CreateBuilder(args);
var node = builder.Configuration["node"] ?? Environment.MachineName;
builder.Services.AddSingleton(new NodeName(node));
builder.Services.AddRazorComponents().AddInteractiveServerComponents();

var app = builder.Build();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapGet("/healthz", () => Results.Text("ok"));
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.Run();
