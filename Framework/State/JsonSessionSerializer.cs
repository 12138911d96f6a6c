using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace RazorFaces.State;

/// <summary>
/// The JSON <see cref="ISessionSerializer"/> (<see cref="SessionFormat.Json"/>): System.Text.Json with fixed options,
/// because the bytes are both the stored format (pinned by snapshot tests) and the input of change detection (a
/// content hash). Its contract (these options' type metadata) is also the contract of
/// <see cref="MessagePackSessionSerializer"/>.
/// </summary>
/// <remarks>
/// <para>What is stored: public instance properties with a getter (a non-public setter is used when reading, so
/// <c>{ get; private set; }</c> round-trips) and any member marked <see cref="JsonIncludeAttribute"/>. Fields are
/// not stored unless marked <see cref="JsonIncludeAttribute"/>. A get-only property holding a mutable collection
/// (<c>public List&lt;Item&gt; Items { get; } = new();</c>) is filled in place when reading.</para>
/// <para>Format: compact UTF-8 JSON, camelCase property names, properties in ordinal name order (so reordering
/// members in source does not change the bytes), dictionary keys as written, enums as their names, nulls written.
/// Output is culture-invariant and deterministic: the same value gives the same bytes. Collections are written in
/// their enumeration order.</para>
/// <para>Reading is tolerant for rolling upgrades: unknown members are skipped and missing members keep the value
/// the constructor gave them. Reference loops are not followed: they fail with a <see cref="SessionStateException"/>
/// naming the type.</para>
/// </remarks>
internal sealed class JsonSessionSerializer : ISessionSerializer
{
    /// <summary>The one shared instance; the serializer has no per-instance state.</summary>
    public static JsonSessionSerializer Instance { get; } = new();

    /// <summary>The fixed options; read-only. Exposed inside the framework so the validator sees the same contract.</summary>
    internal static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <inheritdoc />
    public SessionFormat Format => SessionFormat.Json;

    /// <inheritdoc />
    public byte[] Serialize(object? value, Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        try
        {
            return JsonSerializer.SerializeToUtf8Bytes(value, type, Options);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw Wrap(e, type, "cannot be written to the session");
        }
    }

    /// <inheritdoc />
    public object? Deserialize(ReadOnlySpan<byte> data, Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        try
        {
            return JsonSerializer.Deserialize(data, type, Options);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw Wrap(e, type, "cannot be read from the session");
        }
    }

    private static SessionStateException Wrap(Exception e, Type type, string what)
    {
        var path = e is JsonException { Path: { Length: > 0 } p } ? p : null;
        string reason;
        if (e.Message.StartsWith("A possible object cycle", StringComparison.Ordinal))
        {
            path = path is null ? null : LoopOf(path);
            reason = $"it contains a reference loop (or nests deeper than {Options.MaxDepth} levels); the session stores trees, not graphs";
        }
        else
        {
            reason = e.Message;
        }
        var at = path is null ? "" : $" at {path}";
        return new SessionStateException($"{TypeNames.Of(type)} {what}{at}: {reason}", e);
    }

    /// <summary>
    /// A loop makes the path repeat until the depth limit (<c>$.Children[0].Parent.Children[0].Parent…</c>); the first
    /// turn of the loop is what names the members involved.
    /// </summary>
    internal static string LoopOf(string path)
    {
        var segments = path.Split('.');
        // Find the shortest period that repeats over the second half, then walk back to where the loop starts
        // (members before it lead into the loop but are not part of it).
        for (var period = 1; period <= segments.Length / 4; period++)
        {
            var start = segments.Length - 1 - period;
            while (start >= 1 && segments[start] == segments[start + period])
            {
                start--;
            }
            start++;
            if (start + period <= segments.Length / 2)
            {
                return string.Join('.', segments.Take(start + period)) + " (and round again)";
            }
        }
        return path.Length > 160 ? path[..160] + "…" : path;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = null,
            PropertyNameCaseInsensitive = false,
            IncludeFields = false,
            IgnoreReadOnlyProperties = false,
            IgnoreReadOnlyFields = false,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            NumberHandling = JsonNumberHandling.Strict,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            PreferredObjectCreationHandling = JsonObjectCreationHandling.Replace,
            ReferenceHandler = null,
            MaxDepth = 64,
            WriteIndented = false,
            Encoder = JavaScriptEncoder.Default,
            AllowTrailingCommas = false,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            RespectNullableAnnotations = false,
            RespectRequiredConstructorParameters = false,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver
            {
                Modifiers = { SessionContract.UseNonPublicSetters, SessionContract.FillGetOnlyMembers, SessionContract.OrderByName },
            },
        };
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: true));
        options.MakeReadOnly();
        return options;
    }
}
