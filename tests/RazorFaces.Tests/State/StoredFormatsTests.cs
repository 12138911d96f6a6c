using RazorFaces.State;

namespace RazorFaces.Tests.State;

public class StoredFormatsTests
{
    public static TheoryData<SessionFormat> Formats => new() { SessionFormat.Json, SessionFormat.MessagePack };

    [Theory]
    [MemberData(nameof(Formats))]
    public void AStoredFieldSaysWhichFormatItIsInByItsFirstByte(SessionFormat format)
    {
        var serializer = JsonSessionSerializer.Instance.ReaderFor(format);
        var meta = new SessionMeta { Id = "s1", CsrfToken = "t" };

        Assert.Equal(format, StoredFormats.Detect(serializer.Serialize(meta, typeof(SessionMeta))));
        Assert.Equal(format, StoredFormats.Detect(serializer.Serialize(null, typeof(SessionMeta))));
        Assert.Equal(format, StoredFormats.Detect(serializer.Serialize(new List<string> { "view-1" }, typeof(List<string>))));
        Assert.Equal(format, StoredFormats.Detect(serializer.Serialize(new List<string>(), typeof(List<string>))));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void EitherSerializerReadsAFieldTheOtherWrote(SessionFormat written)
    {
        var writer = JsonSessionSerializer.Instance.ReaderFor(written);
        var other = writer.ReaderFor(written == SessionFormat.Json ? SessionFormat.MessagePack : SessionFormat.Json);
        var bytes = writer.Serialize(new SessionMeta { Id = "s1", CsrfToken = "t", MaxInactive = TimeSpan.FromMinutes(3) }, typeof(SessionMeta));

        var meta = (SessionMeta)other.DeserializeField(bytes, typeof(SessionMeta))!;

        Assert.Equal("s1", meta.Id);
        Assert.Equal(TimeSpan.FromMinutes(3), meta.MaxInactive);
    }

    [Fact]
    public void AMessagePackFieldReadsAsJsonTextForPeople()
    {
        var bytes = MessagePackSessionSerializer.Instance.Serialize(new SessionMeta { Id = "s1", CsrfToken = "t" }, typeof(SessionMeta));

        var text = StoredFormats.ToJson(bytes, StoredFormats.Detect(bytes));

        Assert.Contains("\"id\":\"s1\"", text, StringComparison.Ordinal);
        Assert.Contains("\"csrfToken\":\"t\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AJsonValueInsideAMessagePackRecordReadsAsJsonInTheDump()
    {
        var record = new ViewRecord { Url = "counter" };
        record.Components["root"] = new StateValue(SessionFormat.Json, """{"count":3}"""u8.ToArray());
        var bytes = MessagePackSessionSerializer.Instance.Serialize(record, typeof(ViewRecord));

        var text = StoredFormats.ToJson(bytes, SessionFormat.MessagePack);

        Assert.Contains("\"components\":{\"root\":{\"count\":3}}", text, StringComparison.Ordinal);
    }
}
