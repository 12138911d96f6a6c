using RazorFaces.Transport.SignalR;

namespace RazorFaces.Tests.Transport.SignalR;

public sealed class HubTicketTests
{
    private const string Token = "h3Jd9Qe0SUy8Zb3Fq1mW0Aq8Zb3Fq1mW0Ah3Jd9Qe0SUy";
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ATicketProvesTheTokenItWasIssuedForUntilItExpires()
    {
        var ticket = HubTicket.Issue(Token, Now);

        Assert.True(new HubTicket(ticket, Now).Proves(Token));
        Assert.True(new HubTicket(ticket, Now + HubTicket.Lifetime).Proves(Token));
        Assert.False(new HubTicket(ticket, Now + HubTicket.Lifetime + TimeSpan.FromSeconds(1)).Proves(Token));
    }

    [Fact]
    public void ATicketProvesNoOtherToken()
    {
        var ticket = HubTicket.Issue(Token, Now);

        Assert.False(new HubTicket(ticket, Now).Proves(Token + "x"));
        Assert.False(new HubTicket(ticket, Now).Proves("another-session's-token"));
    }

    [Fact]
    public void ATicketDoesNotContainTheToken()
    {
        Assert.DoesNotContain(Token, HubTicket.Issue(Token, Now), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("abc.def")]
    [InlineData("1764763260.")]
    [InlineData("1764763260.AAAA")]
    [InlineData("-5.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData(Token)]
    public void AMalformedTicketProvesNothing(string ticket)
    {
        Assert.False(new HubTicket(ticket, Now).Proves(Token));
    }

    [Fact]
    public void AnAlteredExpiryInvalidatesTheTicket()
    {
        var ticket = HubTicket.Issue(Token, Now);
        var dot = ticket.IndexOf('.', StringComparison.Ordinal);
        var later = (long.Parse(ticket[..dot], System.Globalization.CultureInfo.InvariantCulture) + 30).ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.False(new HubTicket(later + ticket[dot..], Now).Proves(Token));
    }

    [Fact]
    public void ATicketClaimingFarMoreLifeThanItGetsProvesNothing()
    {
        // Issued by a node whose clock ran an hour ahead.
        var ticket = HubTicket.Issue(Token, Now + TimeSpan.FromHours(1));

        Assert.False(new HubTicket(ticket, Now).Proves(Token));
    }
}
