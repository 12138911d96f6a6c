using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace RazorFaces.Views;

/// <summary>
/// A view's user, as Blazor components ask for it (<c>AuthorizeView</c>, <c>AuthorizeRouteView</c>,
/// <c>[CascadingParameter] Task&lt;AuthenticationState&gt;</c>): the <c>HttpContext.User</c> of the request now
/// working on the view, set again by every request, so a changed role or claim shows at the next event. One per
/// view (scoped). A push has no request; the view keeps the user its last request had.
/// </summary>
internal sealed class ViewAuthenticationStateProvider : AuthenticationStateProvider, IHostEnvironmentAuthenticationStateProvider
{
    private static readonly ClaimsPrincipal Nobody = new(new ClaimsIdentity());
    private Task<AuthenticationState> _state = Task.FromResult(new AuthenticationState(Nobody));
    private string _seen = SessionUser.Fingerprint(Nobody);

    /// <inheritdoc />
    public override Task<AuthenticationState> GetAuthenticationStateAsync() => _state;

    /// <inheritdoc />
    public void SetAuthenticationState(Task<AuthenticationState> authenticationStateTask)
    {
        ArgumentNullException.ThrowIfNull(authenticationStateTask);
        _state = authenticationStateTask;
        NotifyAuthenticationStateChanged(authenticationStateTask);
    }

    /// <summary>The request's user; components re-render only when what they could see of it changed.</summary>
    public void SetUser(ClaimsPrincipal user)
    {
        var seen = SessionUser.Fingerprint(user);
        if (seen == _seen)
        {
            return;
        }
        _seen = seen;
        SetAuthenticationState(Task.FromResult(new AuthenticationState(user)));
    }
}
