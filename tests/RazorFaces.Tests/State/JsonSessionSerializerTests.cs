using System.Globalization;
using System.Text;
using RazorFaces.State;
using static RazorFaces.Tests.State.StateSamples;

namespace RazorFaces.Tests.State;

public class JsonSessionSerializerTests
{
    private readonly JsonSessionSerializer serializer = JsonSessionSerializer.Instance;

    [Fact]
    public void BeanWithRecordsListsDictionariesDatesEnumsAndNullablesRoundTrips()
    {
        var cart = SampleCart();

        var copy = RoundTrip(cart);

        Assert.Equal(cart.Lines, copy.Lines);
        Assert.Equal(cart.Coupons, copy.Coupons);
        Assert.Equal(Shipping.Express, copy.Shipping);
        Assert.Equal(cart.CheckedOutAt, copy.CheckedOutAt);
        Assert.Equal(TimeSpan.FromHours(2), copy.CheckedOutAt!.Value.Offset);
        Assert.Null(copy.Note);
        Assert.Equal(2, copy.Revision);
    }

    [Fact]
    public void PropertiesWithPrivateSettersAreReadBack()
    {
        var copy = RoundTrip(Account.Open("ada", 12.5m));

        Assert.Equal("ada", copy.Owner);
        Assert.Equal(12.5m, copy.Balance);
    }

    [Fact]
    public void RecordWithConstructorRoundTrips()
    {
        var line = new CartLine("tea", 3.25m, 4);

        Assert.Equal(line, RoundTrip(line));
    }

    [Fact]
    public void SameValueGivesSameBytes()
    {
        Assert.Equal(serializer.Serialize(SampleCart(), typeof(CartBean)), serializer.Serialize(SampleCart(), typeof(CartBean)));
    }

    [Fact]
    public void PropertiesAreWrittenCamelCasedInOrdinalNameOrder()
    {
        var json = Encoding.UTF8.GetString(serializer.Serialize(Account.Open("ada", 1m), typeof(Account)));

        Assert.Equal("""{"balance":1,"owner":"ada"}""", json);
    }

    [Fact]
    public void NumbersAndDatesAreWrittenTheSameUnderAnyCulture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            var german = serializer.Serialize(SampleCart(), typeof(CartBean));
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

            Assert.Equal(serializer.Serialize(SampleCart(), typeof(CartBean)), german);
            Assert.Contains("\"price\":3.25", Encoding.UTF8.GetString(german), StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void EnumsAreStoredByNameAndNumbersAreStillAccepted()
    {
        var json = Encoding.UTF8.GetString(serializer.Serialize(SampleCart(), typeof(CartBean)));
        var fromNumber = (CartBean)serializer.Deserialize("""{"shipping":1}"""u8, typeof(CartBean))!;

        Assert.Contains("\"shipping\":\"Express\"", json, StringComparison.Ordinal);
        Assert.Equal(Shipping.Express, fromNumber.Shipping);
    }

    [Fact]
    public void MembersWrittenByANewerVersionAreIgnoredWhenReading()
    {
        var json = """{"owner":"ada","loyaltyTier":{"level":3,"since":"2020"},"balance":2}"""u8;

        var account = (Account)serializer.Deserialize(json, typeof(Account))!;

        Assert.Equal("ada", account.Owner);
        Assert.Equal(2m, account.Balance);
    }

    [Fact]
    public void MembersMissingFromOlderDataKeepTheirDefaults()
    {
        var cart = (CartBean)serializer.Deserialize("""{"note":"gift"}"""u8, typeof(CartBean))!;

        Assert.Equal("gift", cart.Note);
        Assert.Empty(cart.Lines);
        Assert.NotNull(cart.Coupons);
        Assert.Equal(Shipping.Standard, cart.Shipping);
    }

    [Fact]
    public void ReferenceLoopFailsWithTheTypeNamed()
    {
        var root = new TreeNode { Label = "root" };
        var child = new TreeNode { Label = "child", Parent = root };
        root.Children.Add(child);

        var error = Assert.Throws<SessionStateException>(() => serializer.Serialize(root, typeof(TreeNode)));

        Assert.Equal(
            "TreeNode cannot be written to the session at $.Children.Parent (and round again): it contains a reference loop " +
            "(or nests deeper than 64 levels); the session stores trees, not graphs",
            error.Message);
        Assert.Contains("reference loop", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$.A.B.A.B.A.B.A.B.A.B.A.B", "$.A.B (and round again)")]
    [InlineData("$.Cart.Lines.Owner.Lines.Owner.Lines.Owner.Lines.Owner.Lines.Owner", "$.Cart.Lines.Owner (and round again)")]
    [InlineData("$.Self.Self.Self.Self.Self.Self", "$.Self (and round again)")]
    [InlineData("$.A.B.C", "$.A.B.C")]
    public void LoopPathIsShortenedToItsFirstTurn(string path, string expected)
    {
        Assert.Equal(expected, JsonSessionSerializer.LoopOf(path));
    }

    [Fact]
    public void DataThatDoesNotFitTheTypeNamesTheTypeAndThePath()
    {
        var error = Assert.Throws<SessionStateException>(
            () => serializer.Deserialize("""{"lines":[{"name":"tea","price":"cheap"}]}"""u8, typeof(CartBean)));

        Assert.StartsWith("CartBean cannot be read from the session at $.lines[0].price", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TypeTheSerializerCannotHandleIsReportedAsSessionStateException()
    {
        var error = Assert.Throws<SessionStateException>(() => serializer.Serialize(typeof(string), typeof(Type)));

        Assert.StartsWith("Type cannot be written to the session", error.Message, StringComparison.Ordinal);
    }

    internal static CartBean SampleCart()
    {
        var cart = new CartBean
        {
            Shipping = Shipping.Express,
            CheckedOutAt = new DateTimeOffset(2026, 11, 21, 23, 6, 55, TimeSpan.FromHours(2)),
            Coupons = new Dictionary<string, int> { ["WINTER"] = 10, ["ab\"c"] = 5 },
        };
        cart.Add(new CartLine("tea", 3.25m, 2));
        cart.Add(new CartLine("Käse <gouda>", 12m, 1));
        return cart;
    }

    private T RoundTrip<T>(T value)
    {
        var bytes = serializer.Serialize(value, typeof(T));
        return (T)serializer.Deserialize(bytes, typeof(T))!;
    }
}
