using Demo.App;

var builder = WebApplication.CreateBuilder(args);
var node = builder.Configuration["node"] ?? Environment.MachineName;

builder.Services.AddSingleton(new NodeInfo(node));
builder.Services.AddRazorFaces(options =>
{
    options.Title = "RazorFaces demo";
    options.HeadHtml = DemoStyles.Head;
});

var app = builder.Build();
app.MapRazorFaces<App>();
app.Run();

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
