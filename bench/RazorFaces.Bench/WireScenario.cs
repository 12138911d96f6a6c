namespace RazorFaces.Bench;

/// <summary>One user action on a demo page: the element (by id, <c>form</c>, or <c>.class</c> for the newest such element) and the event sent.</summary>
/// <param name="Typical">The step that stands for the page's usual update in the summary.</param>
internal sealed record WireStep(string Action, string Element, string Event, string ArgsJson, bool Typical = false);

/// <summary>A demo page and the steps a user takes on it, in order.</summary>
internal sealed record WireScenario(string Path, IReadOnlyList<WireStep> Steps)
{
    private const string Click = """{"detail":1,"button":0}""";

    public static IReadOnlyList<WireScenario> All { get; } =
    [
        new("/counter", [new("click increment", "increment", "click", Click, Typical: true)]),
        new("/todos",
        [
            new("type a to-do (input event)", "todo-text", "input", """{"value":"Buy milk"}"""),
            new("add it", "add-todo", "click", Click, Typical: true),
            new("type and add a second", "todo-text", "input", """{"value":"Walk the dog"}"""),
            new("… add", "add-todo", "click", Click),
            new("move the second up", ".move-up", "click", Click),
            new("remove one", ".remove", "click", Click),
        ]),
        new("/form",
        [
            new("type a bad email (change event)", "email", "change", """{"value":"not-an-email"}"""),
            new("submit: validation errors", "form", "submit", "{}", Typical: true),
        ]),
        new("/cart",
        [
            new("type an item (change event)", "item-name", "change", """{"value":"Apples"}"""),
            new("add it to the cart", "add-item", "click", Click, Typical: true),
        ]),
        new("/chat",
        [
            new("type a message (change event)", "message", "change", """{"value":"Hello, everyone"}"""),
            new("post it", "form", "submit", "{}", Typical: true),
        ]),
    ];
}
