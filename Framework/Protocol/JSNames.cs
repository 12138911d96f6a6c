namespace RazorFaces.Protocol;

/// <summary>
/// The words of a <c>js</c> call (docs/protocol.md, "JavaScript interop"): what kind of call it is and what the server
/// wants back. The client's copy is checked against <c>tests/fixtures/protocol/codes.json</c>.
/// </summary>
internal static class JSNames
{
    /// <summary><c>call</c>: call the function the identifier names.</summary>
    public const string FunctionCall = "call";

    /// <summary><c>call</c>: construct with <c>new</c>; the result is an object reference.</summary>
    public const string ConstructorCall = "new";

    /// <summary><c>call</c>: read the property the identifier names.</summary>
    public const string GetValue = "get";

    /// <summary><c>call</c>: set the property the identifier names to the only argument.</summary>
    public const string SetValue = "set";

    /// <summary><c>result</c>: the value as JSON.</summary>
    public const string JsonResult = "json";

    /// <summary><c>result</c>: a reference to the JavaScript object (<c>{"__jsObjectId":id}</c>).</summary>
    public const string ObjectResult = "ref";

    /// <summary><c>result</c>: nothing (null), only whether it succeeded.</summary>
    public const string VoidResult = "void";

    /// <summary>
    /// <c>result</c>: a stream reference: the browser keeps the Blob or buffer and answers
    /// <c>{"__jsObjectId":id,"__jsStreamReferenceLength":bytes}</c>.
    /// </summary>
    public const string StreamResult = "stream";

    /// <summary>
    /// The function the server calls to read a stream reference: <c>(reference, stream, secret, chunkBytes)</c>; the
    /// browser then posts the bytes to <c>/_rf/stream</c> (docs/protocol.md, "Streams from the browser").
    /// </summary>
    public const string SendStream = "Blazor._internal.sendJSDataStream";
}
