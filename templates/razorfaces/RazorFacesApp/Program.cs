using RazorFacesApp;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddRazorFaces(options =>
{
    // Every option can also come from configuration: the "RazorFaces" section of appsettings.json.
    builder.Configuration.GetSection("RazorFaces").Bind(options);
    options.Title = "RazorFacesApp";
});
// One CounterBean per browser session, shared by its tabs and kept in the session object.
builder.Services.AddSessionBean<CounterBean>();
// Cluster mode: sessions in Redis, so any node can carry on a view (see the RazorFaces README).
// builder.Services.AddRazorFacesRedis(o => o.Configuration = "127.0.0.1:6379");

var app = builder.Build();
// Every @page of this assembly, rendered inside App, plus RazorFaces' own endpoints (/_rf/...) and /healthz.
app.MapRazorFaces<App>();
app.Run();
