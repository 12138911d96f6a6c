namespace RazorFaces.Views;

/// <summary>Per view (a scoped service): the live view the scope belongs to, for services such as push.</summary>
internal sealed class CurrentView
{
    public LiveView? View { get; set; }
}
