using System.Text;
using System.Text.Json.Nodes;
using RazorFaces.Dom;
using RazorFaces.Protocol;

namespace RazorFaces.Tests.Protocol;

public class ProtocolFixtureTests
{
    private const string ViewId = "v1";
    private const long ViewNumber = 2;

    [Theory]
    [MemberData(nameof(Names))]
    public void FixtureMessagesAreWhatTheServerSendsForItsBeforeAndAfter(string name)
    {
        var fixtureCase = ProtocolFixtureCases.All.Single(c => c.Name == name);
        var before = Canonical(fixtureCase.Before);
        var after = Canonical(fixtureCase.After);
        if (FixtureFiles.Updating)
        {
            FixtureFiles.Write(name + ".json", Render(name, before, after, Messages(fixtureCase.Refresh, before, after)));
        }

        var file = FixtureFiles.Read(name + ".json");
        Assert.Equal(name, (string?)file["name"]);
        Assert.Equal(before, (string?)file["before"]);
        Assert.Equal(after, (string?)file["after"]);
        var messages = Messages(fixtureCase.Refresh, (string)file["before"]!, (string)file["after"]!);
        FixtureFiles.AssertJsonEqual(JsonNode.Parse(messages), file["messages"], $"{name}: messages");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void FixturePatchesTurnBeforeIntoExactlyAfter(string name)
    {
        // The TypeScript tests compare the client's innerHTML with "after" as a string, so attribute order and
        // escaping must come out exactly, not just structurally.
        var fixtureCase = ProtocolFixtureCases.All.Single(c => c.Name == name);
        var before = Root(Canonical(fixtureCase.Before));
        var after = Root(Canonical(fixtureCase.After));

        var applied = DomPatchApplier.Apply(before, DomDiff.Compute(before, after));

        Assert.Equal(DomHtmlWriter.WriteChildren(after), DomHtmlWriter.WriteChildren(applied));
    }

    [Fact]
    public void EveryFixtureFileBelongsToACase()
    {
        var files = Directory.GetFiles(FixtureFiles.Folder, "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(f => f is not "codes" and not "dom-shapes" and not "interop" and not "event-types")
            .Order();

        Assert.Equal(ProtocolFixtureCases.All.Select(c => c.Name).Order(), files);
    }

    [Fact]
    public void CanonicalHtmlParsesBackToItself()
    {
        foreach (var fixtureCase in ProtocolFixtureCases.All)
        {
            var before = Canonical(fixtureCase.Before);
            Assert.Equal(before, Canonical(before));
        }
    }

    public static TheoryData<string> Names => ProtocolFixtureCases.Names;

    private static string Canonical(string html) => DomHtmlWriter.WriteChildren(Root(html));

    /// <summary>Parses the content of #rf-root; <c>data-key</c> attributes become keys.</summary>
    private static DomElement Root(string html) =>
        WithKeys(MarkupParser.ParseElementContent("div", html));

    private static DomElement WithKeys(DomElement element) => new(
        element.Tag,
        [.. element.Attributes],
        [.. element.Children.Select(c => c is DomElement e ? WithKeys(e) : c)],
        element.GetAttribute("data-key"));

    private static string Messages(bool refresh, string before, string after) => ServerMessageWriter.ToJson(writer =>
    {
        writer.WriteStartArray();
        if (refresh)
        {
            ServerMessageWriter.WriteRefresh(writer, ViewId, ViewNumber, Root(after));
        }
        else
        {
            ServerMessageWriter.WriteUpdate(writer, ViewId, ViewNumber, DomDiff.Compute(Root(before), Root(after)));
        }
        writer.WriteEndArray();
    });

    /// <summary>The file: readable fields one per line, each message compact on its own line.</summary>
    private static string Render(string name, string before, string after, string messagesJson)
    {
        var messages = JsonNode.Parse(messagesJson)!.AsArray();
        var text = new StringBuilder()
            .Append("{\n")
            .Append("  \"name\": ").Append(FixtureFiles.Quote(name)).Append(",\n")
            .Append("  \"before\": ").Append(FixtureFiles.Quote(before)).Append(",\n")
            .Append("  \"after\": ").Append(FixtureFiles.Quote(after)).Append(",\n")
            .Append("  \"messages\": [\n");
        for (var i = 0; i < messages.Count; i++)
        {
            text.Append("    ").Append(ServerMessageWriter.ToJson(w => messages[i]!.WriteTo(w)));
            text.Append(i < messages.Count - 1 ? ",\n" : "\n");
        }
        return text.Append("  ]\n}").ToString();
    }
}
