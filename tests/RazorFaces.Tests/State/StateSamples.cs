using System.Net.Sockets;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Components;
using RazorFaces.State;

namespace RazorFaces.Tests.State;

/// <summary>Bean and component types the state tests store; nested so the tests read as one catalogue.</summary>
// Internal: some samples are deliberately invalid, and start-up validation checks the public components of
// any assembly an app maps pages from (the integration tests map this one).
internal static class StateSamples
{
    public enum Shipping
    {
        Standard,
        Express,
    }

    public sealed record CartLine(string Name, decimal Price, int Quantity);

    public sealed class CartBean
    {
        public List<CartLine> Lines { get; } = [];

        public Dictionary<string, int> Coupons { get; set; } = [];

        public Shipping Shipping { get; set; }

        public DateTimeOffset? CheckedOutAt { get; set; }

        public string? Note { get; set; }

        public int Revision { get; private set; }

        public void Add(CartLine line)
        {
            Lines.Add(line);
            Revision++;
        }
    }

    public sealed class Account
    {
        public string Owner { get; private set; } = "";

        public decimal Balance { get; private set; }

        public static Account Open(string owner, decimal balance) => new() { Owner = owner, Balance = balance };
    }

    public sealed class TreeNode
    {
        public string Label { get; set; } = "";

        public List<TreeNode> Children { get; set; } = [];

        public TreeNode? Parent { get; set; }
    }

    public sealed class Truncating
    {
        private decimal price;

        public decimal Price { get => price; set => price = Math.Truncate(value); }
    }

    public sealed class Basket
    {
        public List<Truncating> Items { get; set; } = [];
    }

    public sealed class HiddenCounter
    {
        private int count;

        public int Count => count;

        public void Increment() => count++;
    }

    public sealed class RoundsOnDefault
    {
        private decimal price = 1.5m;

        public decimal Price { get => price; set => price = Math.Truncate(value); }
    }

    // Bad bean types: each is rejected by the validator with the member named.

    public sealed class Supplier
    {
        public string Name { get; set; } = "";

        public HttpClient? Client { get; set; }
    }

    public sealed class SupplierLine
    {
        public Supplier? Supplier { get; set; }
    }

    public sealed class BeanWithSupplierList
    {
        public List<SupplierLine> Items { get; set; } = [];
    }

    public sealed class BeanWithHttpClient
    {
        public HttpClient? Http { get; set; }
    }

    public sealed class BeanWithDelegate
    {
        public Action? OnChange { get; set; }
    }

    public sealed class BeanWithStream
    {
        public MemoryStream? Upload { get; set; }
    }

    public sealed class BeanWithSocket
    {
        public Socket? Socket { get; set; }
    }

    public sealed class ShopDbContext
    {
        public int Id { get; set; }
    }

    public sealed class BeanWithDatabase
    {
        public ShopDbContext? Db { get; set; }
    }

    public sealed class BeanWithTask
    {
        public Task<int>? Pending { get; set; }
    }

    public sealed class BeanWithCancellation
    {
        public Dictionary<string, CancellationTokenSource> Running { get; set; } = [];
    }

    public sealed class BeanWithThread
    {
        public Thread? Worker { get; set; }
    }

    public sealed class BeanWithServices
    {
        public IServiceProvider? Services { get; set; }
    }

    public sealed class BeanWithObject
    {
        public object? Anything { get; set; }
    }

    public abstract class Shape
    {
        public int Size { get; set; }
    }

    public sealed class BeanWithAbstract
    {
        public Shape? Shape { get; set; }
    }

    public sealed class BeanWithPublicField
    {
#pragma warning disable CA1051, IDE1006, CS0649 // The point of the sample: a public field the serializer would not store.
        public int Total;
#pragma warning restore CA1051, IDE1006, CS0649
    }

    public sealed class NoUsableConstructor
    {
        public NoUsableConstructor(int a) => A = a;

        public NoUsableConstructor(string b) => B = b;

        public int A { get; }

        public string? B { get; }
    }

    public sealed class BeanWithUnreadableMember
    {
        public NoUsableConstructor? Part { get; set; }
    }

    public sealed class BeanWithLossyDefault
    {
        public RoundsOnDefault Price { get; set; } = new();
    }

    public sealed class BeanWithObjectKeys
    {
        public Dictionary<CartLine, int> Counts { get; set; } = [];
    }

    public sealed class BeanWithTuple
    {
        public (int X, int Y) Point { get; set; }
    }

    public sealed class DisposableBean : IDisposable
    {
        public int Value { get; set; }

        public void Dispose()
        {
        }
    }

    [JsonPolymorphic]
    [JsonDerivedType(typeof(Circle), "circle")]
    public abstract class Figure
    {
        public int Size { get; set; }
    }

    public sealed class Circle : Figure
    {
        public double Radius { get; set; }
    }

    public sealed class BeanWithFigures
    {
        public List<Figure> Figures { get; set; } = [];

        public TreeNode Root { get; set; } = new();

        public KeyValuePair<string, Shipping> Pair { get; set; }

        [JsonInclude]
#pragma warning disable CS0649 // Assigned by the deserializer: the sample checks [JsonInclude] fields round-trip.
        public int IncludedField;
#pragma warning restore CS0649
    }

    // Storable as JSON, not as MessagePack.

    public sealed class BeanWithInt128
    {
        public string Name { get; set; } = "";

        public Int128 Total { get; set; }
    }

    public sealed class UpperCaseConverter : JsonConverter<string>
    {
        public override string Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) =>
            reader.GetString()!.ToLowerInvariant();

        public override void Write(System.Text.Json.Utf8JsonWriter writer, string value, System.Text.Json.JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToUpperInvariant());
    }

    public sealed class ConvertedLine
    {
        [JsonConverter(typeof(UpperCaseConverter))]
        public string Code { get; set; } = "";
    }

    public sealed class BeanWithConvertedMember
    {
        public List<ConvertedLine> Lines { get; set; } = [];
    }

    // Components.

    public class BaseCounter : ComponentBase
    {
        [ViewState]
        private int baseClicks;

        public int BaseClicks => baseClicks;

        public void ClickBase() => baseClicks++;
    }

    public sealed class SampleCounter : BaseCounter
    {
        [ViewState]
        private int count;

        [ViewState]
        private List<string> history = [];

        [PersistentState]
        public string? Filter { get; set; }

        [ViewState]
        private Shipping Mode { get; set; }

        public int NotState { get; set; }

        public int Count => count;

        public IReadOnlyList<string> History => history;

        public Shipping CurrentMode => Mode;

        public void Click(string what)
        {
            count++;
            history.Add(what);
            Mode = Shipping.Express;
        }
    }

    public sealed class StatelessComponent : ComponentBase
    {
        public int Value { get; set; }
    }

    public sealed class ReadonlyStateComponent : ComponentBase
    {
        [ViewState]
        private readonly List<string> items = [];

        public int Count => items.Count;
    }

    public sealed class GetOnlyStateComponent : ComponentBase
    {
        [ViewState]
        public int Total { get; } = 3;
    }

    public sealed class ComponentWithClient : ComponentBase
    {
        [ViewState]
        private HttpClient? client;

        public bool HasClient => client is not null;

        public void Connect(HttpClient http) => client = http;
    }

    public class ShadowBase : ComponentBase
    {
        [ViewState]
        private int value;

        public int BaseValue => value;

        public void SetBaseValue(int newValue) => value = newValue;
    }

    public sealed class ShadowingComponent : ShadowBase
    {
        [ViewState]
        private int value;

        public int OwnValue => value;

        public void SetOwnValue(int newValue) => value = newValue;
    }
}
