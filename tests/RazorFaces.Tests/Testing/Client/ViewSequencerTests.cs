using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using RazorFaces.Testing.Client;

namespace RazorFaces.Tests.Testing.Client;

/// <summary>
/// The browser client's ordering rules (docs/protocol.md, "Ordering and recovery"), on the shared .NET client's
/// core: no server, no clock (times are passed in), a document that records what was applied to it.
/// </summary>
public sealed class ViewSequencerTests
{
    private const string View = "h3Jd9Qe0SUy8Zb3Fq1mW0A";
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly RecordingDocument _document = new();
    private readonly ViewSequencer _view = new(View, 1, "http://localhost/counter");

    [Fact]
    public void AppliesUpdatesInOrderAndCountsThem()
    {
        Receive(Update(2), Update(3));

        Assert.Equal(["update 2", "update 3"], _document.Applied);
        Assert.Equal(3, _view.Number);
        Assert.Equal(2, _view.Updates);
        Assert.Null(_view.GapDeadline);
    }

    [Fact]
    public void IgnoresAnUpdateItAlreadyApplied()
    {
        Receive(Update(2));

        Receive(Update(2), Update(1));

        Assert.Equal(["update 2"], _document.Applied);
        Assert.Equal(2, _view.Number);
    }

    [Fact]
    public void IgnoresAnUpdateForAnotherView()
    {
        Receive(Update(2, view: "another-view-id-000000"));

        Assert.Empty(_document.Applied);
        Assert.Equal(1, _view.Number);
        Assert.Equal(0, _view.HeldBack);
    }

    [Fact]
    public void HoldsBackAnUpdateAfterAGapUntilTheMissingOneArrives()
    {
        Receive(Update(4), Update(3));
        Assert.Empty(_document.Applied);
        Assert.Equal(2, _view.HeldBack);

        Receive(Update(2));

        Assert.Equal(["update 2", "update 3", "update 4"], _document.Applied);
        Assert.Equal(4, _view.Number);
        Assert.Equal(0, _view.HeldBack);
    }

    [Fact]
    public void AGapStillOpenOneSecondAfterTheBatchThatCarriedItMakesAResyncDue()
    {
        Receive(Update(3));

        Assert.Equal(T0 + ViewSequencer.DefaultGapWait, _view.GapDeadline);
        Assert.False(_view.ResyncDue(T0 + ViewSequencer.DefaultGapWait - TimeSpan.FromMilliseconds(1)));
        Assert.True(_view.ResyncDue(T0 + ViewSequencer.DefaultGapWait));
        Assert.False(_view.IsReady);
        Assert.Null(_view.GapDeadline);
    }

    [Fact]
    public void AGapClosedBeforeItsDeadlineMakesNoResyncDue()
    {
        Receive(Update(3));
        Receive(Update(2));

        Assert.False(_view.ResyncDue(T0 + TimeSpan.FromSeconds(5)));
        Assert.True(_view.IsReady);
    }

    [Fact]
    public void AppliesARefreshAtOnceAndDropsTheHeldUpdatesItCovers()
    {
        Receive(Update(3), Update(6));

        Receive(Refresh(5));

        Assert.Equal(["refresh 5", "update 6"], _document.Applied);
        Assert.Equal(6, _view.Number);
        Assert.Equal(0, _view.HeldBack);
        Assert.Equal(1, _view.Refreshes);
    }

    [Fact]
    public void IgnoresARefreshOlderThanTheView()
    {
        Receive(Update(2), Update(3));

        Receive(Refresh(2));

        Assert.Equal(["update 2", "update 3"], _document.Applied);
        Assert.Equal(3, _view.Number);
    }

    [Fact]
    public void IgnoresARefreshAtTheCurrentNumberWhileTheViewIsInStep()
    {
        Receive(Update(2));

        Receive(Refresh(2));

        Assert.Equal(["update 2"], _document.Applied);
    }

    [Fact]
    public void AdoptsTheNewViewIdOfARefreshFromAServerThatStartedThePageAfresh()
    {
        Receive(Update(2), Update(4));

        Receive(Refresh(1, view: "a-fresh-view-id-000000"));
        Receive(Update(3), Update(2, view: "a-fresh-view-id-000000"));

        Assert.Equal("a-fresh-view-id-000000", _view.ViewId);
        Assert.Equal(["update 2", "refresh 1", "update 2"], _document.Applied);
        Assert.Equal(2, _view.Number);
        Assert.Equal(0, _view.HeldBack);
        Assert.Equal(1, _view.ViewsAdopted);
    }

    [Fact]
    public void APatchThatDoesNotFitAsksForAResyncAtOnceAndNothingAppliesUntilTheRefresh()
    {
        _document.Unfit.Add(2);

        var outcome = Receive(Update(2), Update(3));
        var later = Receive(Update(4));

        Assert.True(outcome.ResyncNow);
        Assert.Single(outcome.UnfitPatches);
        Assert.False(later.ResyncNow);
        Assert.True(_view.OutOfStep);
        Assert.Equal(1, _view.Number);
        Assert.Empty(_document.Applied);
        Assert.Null(_view.GapDeadline);

        _view.ResyncSending();
        _view.ResyncAnswered();
        Receive(Refresh(1));

        Assert.Equal(["refresh 1"], _document.Applied);
        Assert.False(_view.OutOfStep);
        Assert.True(_view.IsReady);
    }

    [Fact]
    public void IsNotReadyForTheNextPollUntilTheResyncWasAnswered()
    {
        _document.Unfit.Add(2);
        Receive(Update(2));

        _view.ResyncSending();
        Assert.False(_view.IsReady);
        _view.ResyncAnswered();

        Assert.True(_view.IsReady);
    }

    [Fact]
    public void AsksAgainAfterTheGapWaitWhenTheResyncAnswerDidNotBringTheViewBack()
    {
        _document.Unfit.Add(2);
        Receive(Update(2));
        _view.ResyncSending();
        _view.ResyncAnswered();

        Receive();

        Assert.Equal(T0 + ViewSequencer.DefaultGapWait, _view.GapDeadline);
        Assert.True(_view.ResyncDue(T0 + ViewSequencer.DefaultGapWait));
    }

    [Fact]
    public void AResyncQueuedWhileAnotherIsOnItsWayKeepsTheViewWaitingForTheLaterOne()
    {
        Assert.True(_view.RequestResync());
        _view.ResyncSending();
        Assert.True(_view.RequestResync());
        Assert.False(_view.RequestResync());

        _view.ResyncAnswered();
        Assert.False(_view.IsReady);
        _view.ResyncSending();
        _view.ResyncAnswered();

        Assert.True(_view.IsReady);
    }

    [Fact]
    public void AnExplicitLossOfStepLetsTheRefreshAtTheCurrentNumberApply()
    {
        Receive(Update(2), Update(4));

        _view.MarkOutOfStep();
        Receive(Refresh(2));

        Assert.Equal(["update 2", "refresh 2"], _document.Applied);
        Assert.False(_view.OutOfStep);
        Assert.Equal(0, _view.HeldBack);
    }

    [Fact]
    public void TakesTheUrlOfAnUpdateWhenItIsAppliedNotWhenItArrives()
    {
        Receive(Update(3, url: "http://localhost/todos"));
        Assert.Equal("http://localhost/counter", _view.Url);

        Receive(Update(2));

        Assert.Equal("http://localhost/todos", _view.Url);
    }

    [Fact]
    public void CountsUpdatesAndRefreshesTheServerFlaggedRebuilt()
    {
        Receive(Update(2, rebuilt: true), Refresh(5, rebuilt: true), Update(6));

        Assert.Equal(2, _view.Rebuilds);
        Assert.Equal(2, _view.Updates);
        Assert.Equal(1, _view.Refreshes);
    }

    [Fact]
    public void ReportsLocationsAndErrorsWithoutTouchingTheView()
    {
        var outcome = Receive(
            Message("""{"t":"location","url":"http://localhost/login"}"""),
            Message("""{"t":"error","code":"session-expired","reason":"gone"}"""),
            Message("""{"t":"dance"}"""));

        Assert.Equal(["http://localhost/login"], outcome.Locations);
        Assert.Equal("session-expired", Assert.Single(outcome.Errors).Code);
        Assert.Empty(_document.Applied);
        Assert.Same(ReceiveOutcome.Nothing, Receive(Update(2)));
    }

    [Fact]
    public void AnUpdateHeldBackFromAReusedMessageKeepsItsOwnCopy()
    {
        var reader = new ServerMessageReader();
        using var three = JsonDocument.Parse($$"""{"t":"update","view":"{{View}}","n":3,"patches":[[1,[0,0],"3"]]}""");
        using var two = JsonDocument.Parse($$"""{"t":"update","view":"{{View}}","n":2,"patches":[[1,[0,0],"2"]]}""");

        _view.Receive(reader.Read(three.RootElement, View), _document, T0);
        _view.Receive(reader.Read(two.RootElement, View), _document, T0);

        Assert.Equal(["update 2", "update 3"], _document.Applied);
        Assert.Equal(3, _view.Number);
    }

    [Fact]
    public void UpdatesDeliveredInAnyOrderAndAnyBatchesWithRepeatsAreAppliedOnceEachInNumberOrder()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var last = random.Next(2, 30);
            var deliveries = Enumerable.Range(2, last - 1).SelectMany(n => Enumerable.Repeat(n, random.Next(1, 3))).OrderBy(_ => random.Next()).ToList();
            var document = new RecordingDocument();
            var view = new ViewSequencer(View, 1, "http://localhost/");
            while (deliveries.Count > 0)
            {
                var batch = deliveries.Take(random.Next(1, 5)).ToList();
                deliveries.RemoveRange(0, batch.Count);
                view.Receive([.. batch.Select(n => Update(n))], document, T0);
            }
            return view.Number == last && view.HeldBack == 0 && document.Applied.SequenceEqual(Enumerable.Range(2, last - 1).Select(n => $"update {n}"));
        }));
    }

    private ReceiveOutcome Receive(params ServerMessage[] messages) => _view.Receive(messages, _document, T0);

    private static ServerMessage Update(int n, string view = View, string? url = null, bool rebuilt = false) =>
        Message($$"""{"t":"update","view":"{{view}}","n":{{n}},"patches":[[1,[0,0],"{{n}}"]]{{(url is null ? "" : $",\"url\":\"{url}\"")}}{{(rebuilt ? ",\"rebuilt\":true" : "")}}}""");

    private static ServerMessage Refresh(int n, string view = View, bool rebuilt = false) =>
        Message($$"""{"t":"refresh","view":"{{view}}","n":{{n}},"html":"<p>{{n}}</p>"{{(rebuilt ? ",\"rebuilt\":true" : "")}}}""");

    private static ServerMessage Message(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ServerMessage.Read(document.RootElement);
    }

    private sealed class RecordingDocument : IViewDocument
    {
        public List<string> Applied { get; } = [];

        public HashSet<int> Unfit { get; } = [];

        public bool TryApply(ServerMessage update, [NotNullWhen(false)] out string? problem)
        {
            problem = Unfit.Contains(update.Number) ? "path [4,4] does not exist" : null;
            if (problem is null)
            {
                Applied.Add($"update {update.Number}");
            }
            return problem is null;
        }

        public void Replace(ServerMessage refresh) => Applied.Add($"refresh {refresh.Number}");
    }
}
