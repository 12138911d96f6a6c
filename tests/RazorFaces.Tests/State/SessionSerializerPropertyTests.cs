using FsCheck;
using FsCheck.Fluent;
using RazorFaces.State;
using static RazorFaces.Tests.State.StateSamples;

namespace RazorFaces.Tests.State;

public class SessionSerializerPropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(300);

    private static Arbitrary<int> Seeds => Gen.Choose(0, int.MaxValue).ToArbitrary();

    public static TheoryData<SessionFormat> Formats => new() { SessionFormat.Json, SessionFormat.MessagePack };

    [Theory]
    [MemberData(nameof(Formats))]
    public void AnyCartSurvivesTheRoundTripWithIdenticalBytes(SessionFormat format)
    {
        var serializer = JsonSessionSerializer.Instance.ReaderFor(format);
        Check.One(Config, Prop.ForAll(Seeds, seed =>
        {
            var cart = RandomCart(new Random(seed));
            var bytes = serializer.Serialize(cart, typeof(CartBean));
            var copy = (CartBean)serializer.Deserialize(bytes, typeof(CartBean))!;

            var same = bytes.AsSpan().SequenceEqual(serializer.Serialize(copy, typeof(CartBean)))
                && copy.Lines.SequenceEqual(cart.Lines)
                && copy.Coupons.SequenceEqual(cart.Coupons)
                && copy.CheckedOutAt == cart.CheckedOutAt
                && copy.CheckedOutAt?.Offset == cart.CheckedOutAt?.Offset;
            return same.Label($"seed {seed}");
        }));
    }

    private static CartBean RandomCart(Random random)
    {
        var cart = new CartBean
        {
            Shipping = random.Next(2) == 0 ? Shipping.Standard : Shipping.Express,
            Note = random.Next(3) == 0 ? null : Text(random),
            CheckedOutAt = random.Next(3) == 0
                ? null
                : new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.FromMinutes(15 * random.Next(-48, 57)))
                    .AddTicks(random.NextInt64(0, TimeSpan.TicksPerDay * 365 * 40)),
        };
        for (var i = random.Next(6); i > 0; i--)
        {
            cart.Coupons[Text(random)] = random.Next(int.MinValue, int.MaxValue);
        }
        for (var i = random.Next(8); i > 0; i--)
        {
            var price = new decimal(random.Next(), random.Next(), random.Next(1000), random.Next(2) == 0, (byte)random.Next(29));
            cart.Add(new CartLine(Text(random), price, random.Next()));
        }
        return cart;
    }

    private static string Text(Random random)
    {
        // Characters from ASCII, Latin-1, CJK and the characters JSON must escape; no lone surrogates, which
        // are not valid text and would be replaced on the way out.
        const string alphabet = "aZ0 \"\\/<>&'\u00e4\u00df\u20ac\u4e2d\u6587\n\t\u0001";
        var length = random.Next(12);
        return string.Create(length, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[r.Next(alphabet.Length)];
            }
        });
    }
}
