namespace RazorFaces.Tests.Protocol;

/// <summary>
/// The golden diff fixtures: HTML before and after (the content of <c>#rf-root</c>), and whether the server
/// answers with an update or a refresh. Elements with a <c>data-key</c> attribute are keyed by it, standing in
/// for <c>@key</c>, which HTML cannot express. New attributes are added last, as the client's setAttribute
/// adds them, so that the client's innerHTML after the patches equals <c>after</c> exactly.
/// </summary>
internal static class ProtocolFixtureCases
{
    public static readonly FixtureCase[] All =
    [
        new("text-change", "<p>Count: <b>1</b></p>", "<p>Count: <b>2</b></p>"),
        new("attributes-set-and-remove",
            "<a href=\"/a\" class=\"x\" title=\"t\">link</a>",
            "<a href=\"/b\" class=\"x\" data-new=\"1\">link</a>"),
        new("keyed-insert",
            "<ul><li data-key=\"a\">a</li><li data-key=\"c\">c</li></ul>",
            "<ul><li data-key=\"z\">z</li><li data-key=\"a\">a</li><li data-key=\"b\">b</li><li data-key=\"c\">c</li></ul>"),
        new("keyed-remove",
            "<ul><li data-key=\"a\">a</li><li data-key=\"b\">b</li><li data-key=\"c\">c</li><li data-key=\"d\">d</li></ul>",
            "<ul><li data-key=\"a\">a</li><li data-key=\"c\">c</li></ul>"),
        new("keyed-move-up",
            "<ul><li data-key=\"a\">a</li><li data-key=\"b\">b</li><li data-key=\"c\">c</li><li data-key=\"d\">d</li></ul>",
            "<ul><li data-key=\"a\">a</li><li data-key=\"c\">c</li><li data-key=\"b\">b</li><li data-key=\"d\">d</li></ul>"),
        new("keyed-reverse-with-edit",
            "<ol><li data-key=\"1\">one</li><li data-key=\"2\">two</li><li data-key=\"3\">three</li><li data-key=\"4\">four</li></ol>",
            "<ol><li data-key=\"4\">four</li><li data-key=\"3\">THREE</li><li data-key=\"2\">two</li><li data-key=\"1\">one</li></ol>"),
        new("replace-tag", "<p>a</p><span class=\"s\">b</span><p>c</p>", "<p>a</p><em>b</em><p>c</p>"),
        new("nested-insert",
            "<section><h2>Title</h2><div><p>x</p></div></section>",
            "<section><h2>Title</h2><p>new</p><div><p>y</p><p>z</p></div></section>"),
        new("table-row-insert",
            "<table><tbody><tr data-key=\"1\"><td>1</td></tr><tr data-key=\"3\"><td>3</td></tr></tbody></table>",
            "<table><tbody><tr data-key=\"1\"><td>1</td></tr><tr data-key=\"2\"><td>2</td></tr><tr data-key=\"3\"><td>3</td></tr></tbody></table>"),
        new("form-value",
            "<form><input name=\"q\" value=\"old\"><input type=\"checkbox\" checked=\"\"><button>Go</button></form>",
            "<form><input name=\"q\" value=\"new value\"><input type=\"checkbox\"><button disabled=\"\">Go</button></form>"),
        new("escaping",
            "<p title=\"a\">plain</p>",
            "<p title=\"&quot;q&quot; &amp; 'a'\">&lt;script&gt;alert(\"x &amp; y\")&lt;/script&gt; é ✓</p><b>1 &lt; 2 &amp;&amp; '3' &gt; 2</b>"),
        new("refresh",
            "<p>old page</p>",
            "<h1>New &amp; improved</h1><ul><li>one</li><li>two</li></ul>",
            Refresh: true),
    ];

    public static TheoryData<string> Names => [.. All.Select(c => c.Name)];
}

/// <summary>One golden fixture: <see cref="Before"/> and <see cref="After"/> are authored HTML, canonicalized when written.</summary>
internal sealed record FixtureCase(string Name, string Before, string After, bool Refresh = false);
