using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace RazorFaces.Tests.Transport;

/// <summary>Random request bodies from a seed: JSON values, bytes, and valid messages with a few things broken.</summary>
internal sealed class RandomPayloads(int seed)
{
    private static readonly string[] Types = ["event", "nav", "resync", "EVENT", "", "update", "error"];
    private static readonly string[] Keys = ["t", "view", "n", "id", "target", "name", "args", "url", "token", "value", "button", "clientX", "ctrlKey", "__proto__"];
    private static readonly string[] EventNames = ["click", "input", "change", "submit", "dblclick", "keydown", "focus", "onclick", ""];

    private readonly Random _random = new(seed);

    /// <summary>Any JSON value, nested up to <paramref name="depth"/> (deeper than the server's limit, sometimes).</summary>
    public JsonNode? Json(int depth = 4) => (depth <= 0 ? _random.Next(5) : _random.Next(7)) switch
    {
        0 => null,
        1 => JsonValue.Create(_random.Next(2) == 0),
        2 => JsonValue.Create(Number()),
        3 => JsonValue.Create(Text()),
        4 => JsonValue.Create(_random.Next(-1000, 1000)),
        5 => new JsonArray([.. Enumerable.Range(0, _random.Next(4)).Select(_ => Json(depth - 1))]),
        _ => Object(depth - 1),
    };

    /// <summary>Random bytes, sometimes valid UTF-8 text, sometimes longer than the message limit.</summary>
    public byte[] Bytes(int maxLength)
    {
        var bytes = new byte[_random.Next(maxLength + 1)];
        _random.NextBytes(bytes);
        if (_random.Next(3) == 0)
        {
            // Mostly JSON punctuation, to get past the first byte of the parser more often.
            const string alphabet = "{}[]\":,0123456789.-etruefalsn \\u";
            for (var i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)alphabet[bytes[i] % alphabet.Length];
            }
        }
        return bytes;
    }

    /// <summary><paramref name="valid"/> with one to three random changes: fields dropped, retyped, added or renamed.</summary>
    public JsonObject Mutate(JsonObject valid)
    {
        var message = (JsonObject)valid.DeepClone();
        var changes = _random.Next(1, 4);
        for (var i = 0; i < changes; i++)
        {
            var key = Keys[_random.Next(Keys.Length)];
            switch (_random.Next(6))
            {
                case 0:
                    message.Remove(key);
                    break;
                case 1:
                    message[key] = Json(3);
                    break;
                case 2:
                    message["t"] = Types[_random.Next(Types.Length)];
                    break;
                case 3:
                    message["name"] = EventNames[_random.Next(EventNames.Length)];
                    break;
                case 4:
                    message["args"] = Object(2);
                    break;
                default:
                    message["n"] = _random.Next(-2, 40);
                    break;
            }
        }
        return message;
    }

    /// <summary>A poll query: sometimes the real view, sometimes not; sometimes a number, sometimes garbage.</summary>
    public string PollQuery(string viewId)
    {
        var view = _random.Next(3) switch { 0 => viewId, 1 => Uri.EscapeDataString(Text()), _ => string.Empty };
        var n = _random.Next(4) switch
        {
            0 => _random.Next(0, 1000).ToString(CultureInfo.InvariantCulture),
            1 => Uri.EscapeDataString(Text()),
            2 => "99999999999999999999",
            _ => string.Empty,
        };
        return _random.Next(5) == 0 ? $"n={n}" : $"view={view}&n={n}";
    }

    private JsonObject Object(int depth)
    {
        var result = new JsonObject();
        for (var i = _random.Next(5); i > 0; i--)
        {
            result[Keys[_random.Next(Keys.Length)]] = Json(depth);
        }
        return result;
    }

    private double Number() => _random.Next(4) switch
    {
        0 => _random.NextDouble() * 1e6,
        1 => -_random.Next(),
        2 => 1e300,
        _ => _random.Next(),
    };

    private string Text()
    {
        var text = new StringBuilder();
        for (var i = _random.Next(12); i > 0; i--)
        {
            text.Append(_random.Next(4) switch
            {
                0 => (char)_random.Next(0x20, 0x7f),
                1 => (char)_random.Next(0xa0, 0x3000),
                2 => "<>&\"'/\\"[_random.Next(7)],
                _ => (char)_random.Next('a', 'z' + 1),
            });
        }
        return text.ToString();
    }
}
