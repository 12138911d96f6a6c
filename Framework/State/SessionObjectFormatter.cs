using System.Buffers;
using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using MessagePack;
using MessagePack.Formatters;

namespace RazorFaces.State;

/// <summary>
/// Stores an object as a MessagePack map of the members its JSON contract has (<see cref="SessionObjectResolver"/>):
/// same names, same order, the same non-public setters, get-only collections filled in place, constructor
/// parameters bound by name. Reading skips unknown keys and leaves missing members as the constructor made them.
/// </summary>
internal sealed class SessionObjectFormatter<T> : IMessagePackFormatter<T>
{
    // Writing has no depth counter of its own in MessagePack; without one a reference loop overflows the stack.
    [ThreadStatic]
    private static int t_writeDepth;

    private readonly Member[] _members;
    private readonly Func<object>? _create;
    private readonly Func<object?[], object>? _construct;
    private readonly object?[] _parameterDefaults = [];
    private readonly string? _unsupported;
    private readonly bool _conditional;
    private readonly int _written;

    public SessionObjectFormatter(JsonTypeInfo info)
    {
        _unsupported = SessionObjectResolver.Unsupported(info);
        _members = [.. info.Properties.Select(p => new Member(p))];
        _unsupported ??= _members.Select(m => m.Unsupported is { } why ? $"{m.Name}: {why}" : null).FirstOrDefault(r => r is not null);
        _conditional = _members.Any(m => m.ShouldSerialize is not null);
        _written = _members.Count(m => m.Get is not null);
        _create = info.CreateObject;
        if (_create is null && info.ConstructorAttributeProvider is ConstructorInfo constructor && !typeof(T).IsAbstract)
        {
            var parameters = constructor.GetParameters();
            _parameterDefaults = [.. parameters.Select(p =>
                p.HasDefaultValue ? p.DefaultValue : p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null)];
            _construct = Compile(constructor, parameters);
        }
    }

    public void Serialize(ref MessagePackWriter writer, T value, MessagePackSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }
        if (_unsupported is not null)
        {
            throw new MessagePackSerializationException(_unsupported);
        }
        if (++t_writeDepth > MessagePackSessionSerializer.MaxDepth)
        {
            t_writeDepth--;
            throw new MemberPathException("too deep", null, isDepthLimit: true);
        }
        try
        {
            object target = value;
            writer.WriteMapHeader(_conditional ? _members.Count(m => m.Writes(target)) : _written);
            foreach (var member in _members)
            {
                if (!member.Writes(target))
                {
                    continue;
                }
                writer.WriteRaw(member.EncodedName);
                try
                {
                    member.Codec.Write(ref writer, member.Get!(target), options);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    throw member.At(e);
                }
            }
        }
        finally
        {
            t_writeDepth--;
        }
    }

    public T Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        if (reader.TryReadNil())
        {
            return default!;
        }
        if (_unsupported is not null)
        {
            throw new MessagePackSerializationException(_unsupported);
        }
        options.Security.DepthStep(ref reader);
        try
        {
            var count = reader.ReadMapHeader();
            var target = _create?.Invoke();
            var arguments = _construct is null ? null : (object?[])_parameterDefaults.Clone();
            List<(Member, object?)>? afterConstruction = null;
            var hint = 0;
            for (var i = 0; i < count; i++)
            {
                var member = Find(ref reader, ref hint);
                if (member is null)
                {
                    reader.Skip();
                    continue;
                }
                object? value;
                try
                {
                    value = member.Codec.Read(ref reader, options);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    throw member.At(e);
                }
                if (arguments is not null && member.Parameter >= 0)
                {
                    arguments[member.Parameter] = value;
                }
                else if (target is null)
                {
                    (afterConstruction ??= []).Add((member, value));
                }
                else
                {
                    member.Assign(target, value);
                }
            }
            if (target is null)
            {
                if (_construct is null)
                {
                    throw new MessagePackSerializationException($"{TypeNames.Of(typeof(T))} has no constructor the session can call.");
                }
                target = _construct(arguments!);
                foreach (var (member, value) in afterConstruction ?? [])
                {
                    member.Assign(target, value);
                }
            }
            return (T)target;
        }
        finally
        {
            reader.Depth--;
        }
    }

    // A record is read once per item of every list that holds it: a compiled call, not ConstructorInfo.Invoke.
    private static Func<object?[], object> Compile(ConstructorInfo constructor, ParameterInfo[] parameters)
    {
        var arguments = Expression.Parameter(typeof(object?[]), "arguments");
        var call = Expression.New(constructor, parameters.Select((p, i) =>
            Expression.Convert(Expression.ArrayIndex(arguments, Expression.Constant(i)), p.ParameterType)));
        return Expression.Lambda<Func<object?[], object>>(Expression.Convert(call, typeof(object)), arguments).Compile();
    }

    // Keys come in the order they were written, which is the contract's order unless the type changed since: try
    // the member after the last match first, so a read is one comparison per key in the usual case.
    private Member? Find(ref MessagePackReader reader, ref int hint)
    {
        ReadOnlySpan<byte> key;
        if (!reader.TryReadStringSpan(out key))
        {
            key = reader.ReadStringSequence() is { } sequence ? sequence.ToArray() : [];
        }
        for (var i = 0; i < _members.Length; i++)
        {
            var index = (hint + i) % _members.Length;
            if (key.SequenceEqual(_members[index].Utf8Name))
            {
                hint = index + 1;
                return _members[index];
            }
        }
        return null;
    }

    private sealed class Member
    {
        private readonly Action<object, object?>? _set;
        private readonly MethodInfo? _fill;
        private readonly bool _fillsDictionary;

        public Member(JsonPropertyInfo property)
        {
            Name = property.Name;
            Utf8Name = System.Text.Encoding.UTF8.GetBytes(property.Name);
            var buffer = new ArrayBufferWriter<byte>();
            var writer = new MessagePackWriter(buffer);
            writer.Write(property.Name);
            writer.Flush();
            EncodedName = buffer.WrittenSpan.ToArray();
            Get = property.Get;
            _set = property.Set;
            ShouldSerialize = property.ShouldSerialize;
            Parameter = property.AssociatedParameter?.Position ?? -1;
            Unsupported = SessionObjectResolver.Unsupported(property);
            Codec = MemberCodec.For(property.PropertyType);
            if (_set is null && property.ObjectCreationHandling == JsonObjectCreationHandling.Populate)
            {
                (_fill, _fillsDictionary) = FillMethod(property.PropertyType);
            }
        }

        public string Name { get; }

        public byte[] Utf8Name { get; }

        public byte[] EncodedName { get; }

        public Func<object, object?>? Get { get; }

        public Func<object, object?, bool>? ShouldSerialize { get; }

        public int Parameter { get; }

        public string? Unsupported { get; }

        public MemberCodec Codec { get; }

        public bool Writes(object target) => Get is not null && (ShouldSerialize is null || ShouldSerialize(target, Get(target)));

        /// <summary>Sets the member, or fills its get-only collection as System.Text.Json's populate does (adds, overwrites keys).</summary>
        public void Assign(object target, object? value)
        {
            if (_set is not null)
            {
                _set(target, value);
            }
            else if (_fill is not null && value is IEnumerable items && Get!(target) is { } existing)
            {
                foreach (var item in items)
                {
                    if (_fillsDictionary)
                    {
                        var pair = item.GetType();
                        _fill.Invoke(existing, [pair.GetProperty("Key")!.GetValue(item), pair.GetProperty("Value")!.GetValue(item)]);
                    }
                    else
                    {
                        _fill.Invoke(existing, [item]);
                    }
                }
            }
        }

        public MemberPathException At(Exception e)
        {
            var path = e as MemberPathException ?? new MemberPathException(e.Message, e, isDepthLimit: false);
            path.Prepend(Name);
            return path;
        }

        private static (MethodInfo?, bool) FillMethod(Type collection)
        {
            foreach (var face in collection.GetInterfaces().Append(collection).Where(i => i.IsGenericType))
            {
                if (face.GetGenericTypeDefinition() == typeof(IDictionary<,>))
                {
                    return (face.GetProperty("Item")!.GetSetMethod(), true);
                }
            }
            foreach (var face in collection.GetInterfaces().Append(collection).Where(i => i.IsGenericType))
            {
                if (face.GetGenericTypeDefinition() == typeof(ICollection<>))
                {
                    return (face.GetMethod("Add"), false);
                }
            }
            return (null, false);
        }
    }
}
