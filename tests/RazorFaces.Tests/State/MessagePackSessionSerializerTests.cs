using System.Text;
using MessagePack;
using RazorFaces.State;
using static RazorFaces.Tests.State.StateSamples;

namespace RazorFaces.Tests.State;

public class MessagePackSessionSerializerTests
{
    private readonly MessagePackSessionSerializer serializer = MessagePackSessionSerializer.Instance;

    [Fact]
    public void BeanWithRecordsGetOnlyListsPrivateSettersDictionariesDatesEnumsAndNullablesRoundTrips()
    {
        var cart = JsonSessionSerializerTests.SampleCart();

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
    public void StoresTheMembersJsonStoresUnderTheSameNamesInTheSameOrder()
    {
        var cart = JsonSessionSerializerTests.SampleCart();

        var packed = Dump(serializer.Serialize(cart, typeof(CartBean)));
        var json = Encoding.UTF8.GetString(JsonSessionSerializer.Instance.Serialize(cart, typeof(CartBean)));

        Assert.Equal(Keys(json), Keys(packed));
        Assert.StartsWith("""{"checkedOutAt":""", packed, StringComparison.Ordinal);
        Assert.Contains("""{"name":"tea","price":"3.25","quantity":2}""", packed, StringComparison.Ordinal);
        Assert.Contains("\"shipping\":\"Express\"", packed, StringComparison.Ordinal);
    }

    [Fact]
    public void IsSmallerThanJsonForTheSampleCart()
    {
        var cart = JsonSessionSerializerTests.SampleCart();

        Assert.True(serializer.Serialize(cart, typeof(CartBean)).Length < JsonSessionSerializer.Instance.Serialize(cart, typeof(CartBean)).Length);
    }

    [Fact]
    public void SameValueGivesSameBytes()
    {
        Assert.Equal(
            serializer.Serialize(JsonSessionSerializerTests.SampleCart(), typeof(CartBean)),
            serializer.Serialize(JsonSessionSerializerTests.SampleCart(), typeof(CartBean)));
    }

    [Fact]
    public void MembersWrittenByANewerVersionAreSkippedWhenReading()
    {
        var packed = Pack("""{"owner":"ada","loyaltyTier":{"level":3,"since":[2020,1]},"balance":"2"}""");

        var account = (Account)serializer.Deserialize(packed, typeof(Account))!;

        Assert.Equal("ada", account.Owner);
        Assert.Equal(2m, account.Balance);
    }

    [Fact]
    public void MembersMissingFromOlderDataKeepWhatTheConstructorGaveThem()
    {
        var cart = (CartBean)serializer.Deserialize(Pack("""{"note":"gift"}"""), typeof(CartBean))!;

        Assert.Equal("gift", cart.Note);
        Assert.Empty(cart.Lines);
        Assert.NotNull(cart.Coupons);
        Assert.Equal(Shipping.Standard, cart.Shipping);
    }

    [Fact]
    public void AMemberRemovedFromARecordIsSkippedAndAnAddedParameterGetsItsDefault()
    {
        var line = (CartLine)serializer.Deserialize(Pack("""{"name":"tea","colour":"green","price":"1.5"}"""), typeof(CartLine))!;

        Assert.Equal(new CartLine("tea", 1.5m, 0), line);
    }

    [Fact]
    public void DateTimesKeepTheirKind()
    {
        var local = new DateTime(2026, 12, 3, 10, 0, 0, DateTimeKind.Local);
        var unspecified = new DateTime(2026, 12, 3, 10, 0, 0, DateTimeKind.Unspecified);

        Assert.Equal(DateTimeKind.Local, RoundTrip(local).Kind);
        Assert.Equal(unspecified, RoundTrip(unspecified));
        Assert.Equal(DateTimeKind.Unspecified, RoundTrip(unspecified).Kind);
    }

    [Fact]
    public void AReferenceLoopFailsWithThePathInsteadOfOverflowingTheStack()
    {
        var root = new TreeNode { Label = "root" };
        var child = new TreeNode { Label = "child", Parent = root };
        root.Children.Add(child);

        var error = Assert.Throws<SessionStateException>(() => serializer.Serialize(root, typeof(TreeNode)));

        Assert.Equal(
            "TreeNode cannot be written to the session at $.children.parent (and round again): it contains a reference loop " +
            "(or nests deeper than 64 levels); the session stores trees, not graphs",
            error.Message);
    }

    [Fact]
    public void DataThatDoesNotFitTheTypeNamesTheTypeAndTheMember()
    {
        var error = Assert.Throws<SessionStateException>(
            () => serializer.Deserialize(Pack("""{"lines":[{"name":"tea","quantity":"many"}]}"""), typeof(CartBean)));

        Assert.StartsWith("CartBean cannot be read from the session at $.lines.quantity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BytesThatAreNotMessagePackFailAsSessionStateException()
    {
        var error = Assert.Throws<SessionStateException>(() => serializer.Deserialize([0x82, 0xa1], typeof(CartBean)));

        Assert.StartsWith("CartBean cannot be read from the session", error.Message, StringComparison.Ordinal);
    }

    internal struct Money
    {
        public decimal Amount { get; set; }

        public string Currency { get; set; }
    }

    internal readonly record struct Range(int From, int To);

    internal sealed class Ledger
    {
        public Money Total { get; set; }

        public Money? Limit { get; set; }

        public List<Range> Pages { get; set; } = [];

        public Dictionary<Shipping, Money> ByShipping { get; set; } = [];

        public Guid Id { get; set; }

        public byte[] Signature { get; set; } = [];
    }

    [Fact]
    public void StructsRecordStructsNullableStructsEnumKeysGuidsAndByteArraysRoundTrip()
    {
        var ledger = new Ledger
        {
            Total = new Money { Amount = 12.30m, Currency = "EUR" },
            Limit = new Money { Amount = 100m, Currency = "EUR" },
            Pages = [new Range(1, 5), new Range(9, 12)],
            ByShipping = { [Shipping.Express] = new Money { Amount = 1m, Currency = "CHF" } },
            Id = Guid.Parse("6f1c1d3e-0f4b-4a51-9a9e-2d1b6c7e8f90"),
            Signature = [1, 2, 255],
        };

        var copy = RoundTrip(ledger);

        Assert.Equal(ledger.Total, copy.Total);
        Assert.Equal(ledger.Limit, copy.Limit);
        Assert.Equal(ledger.Pages, copy.Pages);
        Assert.Equal(ledger.ByShipping, copy.ByShipping);
        Assert.Equal(ledger.Id, copy.Id);
        Assert.Equal(ledger.Signature, copy.Signature);
        StateTypeValidator.Validate(typeof(Ledger), "session bean");
    }

    private T RoundTrip<T>(T value) => (T)serializer.Deserialize(serializer.Serialize(value, typeof(T)), typeof(T))!;

    private static byte[] Pack(string json) => MessagePackSerializer.ConvertFromJson(json, MessagePackSessionSerializer.Options);

    private static string Dump(byte[] packed) => StoredFormats.ToJson(packed, SessionFormat.MessagePack);

    private static List<string> Keys(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateObject().Select(p => p.Name)];
    }
}
