using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace RazorFaces.Tests.Architecture;

/// <summary>
/// Which areas of an assembly use which, read from its compiled metadata: every type's base type, interfaces,
/// field, method and property signatures, and every type, method or field its method bodies name. An area is the
/// first namespace segment below the root (<c>RazorFaces.Views.X</c> is <c>Views</c>); the root namespace itself is
/// <c>RazorFaces</c>; types outside it (the extension-method classes in Microsoft.* namespaces) are <c>Hosting</c>.
/// Compiler-generated types (closures, state machines) count as the type they are nested in.
/// </summary>
internal sealed class NamespaceGraph
{
    private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value, o => o.OperandType);

    private readonly MetadataReader _reader;
    private readonly string _root;

    private NamespaceGraph(MetadataReader reader, string root)
    {
        _reader = reader;
        _root = root;
    }

    /// <summary>The edges between areas: (from, to, an example of the use) for every pair that has one.</summary>
    public Dictionary<(string From, string To), string> Edges { get; } = [];

    public static NamespaceGraph Read(string assemblyPath, string rootNamespace)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var graph = new NamespaceGraph(pe.GetMetadataReader(), rootNamespace);
        graph.Walk(pe);
        return graph;
    }

    private void Walk(PEReader pe)
    {
        var signatures = new AreaSignatures(this);
        foreach (var handle in _reader.TypeDefinitions)
        {
            var type = _reader.GetTypeDefinition(handle);
            if (AreaOf(handle) is not { } from)
            {
                continue;
            }
            var name = _reader.GetString(type.Name);
            Use(from, AreaOfEntity(type.BaseType, signatures), name);
            foreach (var implemented in type.GetInterfaceImplementations())
            {
                Use(from, AreaOfEntity(_reader.GetInterfaceImplementation(implemented).Interface, signatures), name);
            }
            foreach (var field in type.GetFields())
            {
                Use(from, _reader.GetFieldDefinition(field).DecodeSignature(signatures, null), name);
            }
            foreach (var property in type.GetProperties())
            {
                foreach (var area in _reader.GetPropertyDefinition(property).DecodeSignature(signatures, null).ParameterTypes.Prepend(
                    _reader.GetPropertyDefinition(property).DecodeSignature(signatures, null).ReturnType))
                {
                    Use(from, area, name);
                }
            }
            foreach (var methodHandle in type.GetMethods())
            {
                var method = _reader.GetMethodDefinition(methodHandle);
                var signature = method.DecodeSignature(signatures, null);
                foreach (var area in signature.ParameterTypes.Prepend(signature.ReturnType))
                {
                    Use(from, area, name);
                }
                if (method.RelativeVirtualAddress != 0)
                {
                    foreach (var area in BodyUses(pe.GetMethodBody(method.RelativeVirtualAddress), signatures))
                    {
                        Use(from, area, name + "." + _reader.GetString(method.Name));
                    }
                }
            }
        }
    }

    private IEnumerable<string?> BodyUses(MethodBodyBlock body, AreaSignatures signatures)
    {
        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            short code = il.ReadByte();
            if (code == 0xFE)
            {
                code = unchecked((short)(0xFE00 | il.ReadByte()));
            }
            if (!Operands.TryGetValue(code, out var operand))
            {
                throw new InvalidOperationException($"Unknown opcode {code} at {il.Offset}.");
            }
            switch (operand)
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                    yield return AreaOfEntity(MetadataTokens.EntityHandle(il.ReadInt32()), signatures);
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    il.Offset += 1;
                    break;
                case OperandType.InlineVar:
                    il.Offset += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    il.Offset += 8;
                    break;
                case OperandType.InlineSwitch:
                    var targets = il.ReadInt32();
                    il.Offset += 4 * targets;
                    break;
                default:
                    il.Offset += 4;
                    break;
            }
        }
    }

    private void Use(string from, string? to, string where)
    {
        if (to is not null && to != from)
        {
            Edges.TryAdd((from, to), where);
        }
    }

    internal string? AreaOfEntity(EntityHandle handle, AreaSignatures signatures) => handle.IsNil ? null : handle.Kind switch
    {
        HandleKind.TypeDefinition => AreaOf((TypeDefinitionHandle)handle),
        HandleKind.TypeSpecification => _reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(signatures, null),
        HandleKind.MethodDefinition => AreaOf(_reader.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType()),
        HandleKind.FieldDefinition => AreaOf(_reader.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType()),
        HandleKind.MemberReference => AreaOfEntity(_reader.GetMemberReference((MemberReferenceHandle)handle).Parent, signatures),
        HandleKind.MethodSpecification => AreaOfEntity(_reader.GetMethodSpecification((MethodSpecificationHandle)handle).Method, signatures),
        _ => null,
    };

    internal string? AreaOf(TypeDefinitionHandle handle)
    {
        var type = _reader.GetTypeDefinition(handle);
        while (type.IsNested)
        {
            type = _reader.GetTypeDefinition(type.GetDeclaringType());
        }
        var space = _reader.GetString(type.Namespace);
        if (space.Length == 0)
        {
            // <Module>, <PrivateImplementationDetails>: the compiler's own.
            return null;
        }
        if (space == _root)
        {
            return _root;
        }
        return space.StartsWith(_root + ".", StringComparison.Ordinal) ? space[(_root.Length + 1)..].Split('.')[0] : "Hosting";
    }

    /// <summary>Decodes signatures to "the area of our type they name, if any" (the first found wins).</summary>
    internal sealed class AreaSignatures(NamespaceGraph graph) : ISignatureTypeProvider<string?, object?>
    {
        public string? GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => graph.AreaOf(handle);

        public string? GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => null;

        public string? GetTypeFromSpecification(MetadataReader reader, object? context, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, context);

        public string? GetGenericInstantiation(string? genericType, ImmutableArray<string?> typeArguments) =>
            genericType ?? typeArguments.FirstOrDefault(a => a is not null);

        public string? GetArrayType(string? elementType, ArrayShape shape) => elementType;

        public string? GetSZArrayType(string? elementType) => elementType;

        public string? GetByReferenceType(string? elementType) => elementType;

        public string? GetPointerType(string? elementType) => elementType;

        public string? GetPinnedType(string? elementType) => elementType;

        public string? GetModifiedType(string? modifier, string? unmodifiedType, bool isRequired) => unmodifiedType;

        public string? GetPrimitiveType(PrimitiveTypeCode typeCode) => null;

        public string? GetFunctionPointerType(MethodSignature<string?> signature) => null;

        public string? GetGenericMethodParameter(object? genericContext, int index) => null;

        public string? GetGenericTypeParameter(object? genericContext, int index) => null;
    }
}
