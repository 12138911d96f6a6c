namespace RazorFaces.State;

/// <summary>TEMPORARY: being written in the state worktree.</summary>
public sealed class JsonSessionSerializer : ISessionSerializer
{
    /// <inheritdoc />
    public byte[] Serialize(object? value, Type type) => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(value, type);

    /// <inheritdoc />
    public object? Deserialize(ReadOnlySpan<byte> data, Type type) => System.Text.Json.JsonSerializer.Deserialize(data, type);
}
