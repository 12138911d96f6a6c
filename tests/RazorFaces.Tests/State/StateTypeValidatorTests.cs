using RazorFaces.State;
using static RazorFaces.Tests.State.StateSamples;

namespace RazorFaces.Tests.State;

public class StateTypeValidatorTests
{
    public static TheoryData<Type, string> RejectedBeans => new()
    {
        { typeof(BeanWithSupplierList), "BeanWithSupplierList.Items[].Supplier.Client: HttpClient cannot be stored in the session: it holds a network connection." },
        { typeof(BeanWithHttpClient), "BeanWithHttpClient.Http: HttpClient cannot be stored in the session: it holds a network connection." },
        { typeof(BeanWithDelegate), "BeanWithDelegate.OnChange: Action cannot be stored in the session: a delegate" },
        { typeof(BeanWithStream), "BeanWithStream.Upload: MemoryStream cannot be stored in the session: it is an open stream" },
        { typeof(BeanWithSocket), "BeanWithSocket.Socket: Socket cannot be stored in the session: it holds a network connection." },
        { typeof(BeanWithDatabase), "BeanWithDatabase.Db: ShopDbContext cannot be stored in the session: it holds a database connection" },
        { typeof(BeanWithTask), "BeanWithTask.Pending: Task<Int32> cannot be stored in the session: it is an operation running" },
        { typeof(BeanWithCancellation), "BeanWithCancellation.Running[]: CancellationTokenSource cannot be stored in the session: it is an operation running" },
        { typeof(BeanWithThread), "BeanWithThread.Worker: Thread cannot be stored in the session: it is bound to this process" },
        { typeof(BeanWithServices), "BeanWithServices.Services: IServiceProvider cannot be stored in the session: it is a service" },
        { typeof(BeanWithObject), "BeanWithObject.Anything: Object cannot be stored in the session: a member typed 'object' cannot be read back" },
        { typeof(BeanWithAbstract), "BeanWithAbstract.Shape: Shape cannot be read back: it is abstract" },
        { typeof(BeanWithPublicField), "BeanWithPublicField.Total: a public field is not stored" },
        { typeof(BeanWithUnreadableMember), "BeanWithUnreadableMember.Part: NoUsableConstructor cannot be read back from the session" },
        // Decimals are stored as text in MessagePack, so the dump shows them quoted.
        { typeof(BeanWithLossyDefault), "BeanWithLossyDefault.Price: RoundsOnDefault does not survive a round trip through the session (serialize, deserialize, serialize): $.price: \"1.5\" became \"1\"" },
        { typeof(BeanWithObjectKeys), "BeanWithObjectKeys.Counts: dictionary keys of type CartLine cannot be stored" },
        { typeof(BeanWithTuple), "BeanWithTuple.Point: ValueTuple<Int32, Int32> cannot be stored in the session: tuple fields are not stored" },
        { typeof(Action), "Action cannot be stored in the session: a delegate" },
    };

    [Theory]
    [MemberData(nameof(RejectedBeans))]
    public void BeanThatCannotMoveBetweenNodesIsRejectedWithTheMemberAndReason(Type bean, string expectedStart)
    {
        var error = Assert.Throws<SessionStateException>(() => StateTypeValidator.Validate(bean, "session bean"));

        Assert.StartsWith(expectedStart, error.Message, StringComparison.Ordinal);
        Assert.EndsWith($"(checking session bean {bean.Name})", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(typeof(CartBean))]
    [InlineData(typeof(Account))]
    [InlineData(typeof(CartLine))]
    [InlineData(typeof(TreeNode))]
    [InlineData(typeof(DisposableBean))]
    [InlineData(typeof(List<CartLine>))]
    [InlineData(typeof(Dictionary<Guid, CartLine?>))]
    [InlineData(typeof(int?))]
    public void StorableBeanIsAccepted(Type bean)
    {
        StateTypeValidator.Validate(bean, "session bean");
    }

    [Fact]
    public void ComponentWhoseStateCanMoveIsAccepted()
    {
        StateTypeValidator.ValidateComponent(typeof(SampleCounter));
        StateTypeValidator.ValidateComponent(typeof(StatelessComponent));
    }

    [Fact]
    public void ComponentStateMemberOfAnUnstorableTypeIsRejectedWithTheMemberNamed()
    {
        var error = Assert.Throws<SessionStateException>(() => StateTypeValidator.ValidateComponent(typeof(ComponentWithClient)));

        Assert.Equal(
            "ComponentWithClient.client: HttpClient cannot be stored in the session: it holds a network connection. " +
            "(checking component state ComponentWithClient)",
            error.Message);
    }

    [Fact]
    public void ComponentWithAReadonlyStateFieldIsRejected()
    {
        var error = Assert.Throws<SessionStateException>(() => StateTypeValidator.ValidateComponent(typeof(ReadonlyStateComponent)));

        Assert.Contains("ReadonlyStateComponent.items: a readonly field", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APolymorphicBeanIsAcceptedForJsonAndRejectedForMessagePackWithTheMemberNamed()
    {
        StateTypeValidator.Validate(typeof(BeanWithFigures), "session bean", JsonSessionSerializer.Instance);

        var error = Assert.Throws<SessionStateException>(() => StateTypeValidator.Validate(typeof(BeanWithFigures), "session bean"));

        Assert.Equal(
            "BeanWithFigures.Figures[]: Figure is polymorphic ([JsonDerivedType]), which the MessagePack format does not store; " +
            "use a concrete type or SessionFormat.Json. (checking session bean BeanWithFigures)",
            error.Message);
    }

    [Fact]
    public void AMemberOfATypeMessagePackHasNoFormatterForIsRejectedWithTheMemberNamed()
    {
        StateTypeValidator.Validate(typeof(BeanWithInt128), "session bean", JsonSessionSerializer.Instance);

        var error = Assert.Throws<SessionStateException>(() => StateTypeValidator.Validate(typeof(BeanWithInt128), "session bean"));

        Assert.StartsWith("BeanWithInt128.Total: Int128 cannot be stored in the MessagePack format (no formatter", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("(checking session bean BeanWithInt128)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMemberWithAJsonConverterIsRejectedForMessagePackWithThePathToIt()
    {
        StateTypeValidator.Validate(typeof(BeanWithConvertedMember), "view bean", JsonSessionSerializer.Instance);

        var error = Assert.Throws<SessionStateException>(() => StateTypeValidator.Validate(typeof(BeanWithConvertedMember), "view bean"));

        Assert.Equal(
            "BeanWithConvertedMember.Lines[].Code: it has a [JsonConverter] (UpperCaseConverter), which the MessagePack format " +
            "does not use; store a plain type or use SessionFormat.Json. (checking view bean BeanWithConvertedMember)",
            error.Message);
    }
}
