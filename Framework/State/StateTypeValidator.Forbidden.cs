using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;

namespace RazorFaces.State;

internal static partial class StateTypeValidator
{
    private const string NetworkConnection = "it holds a network connection";
    private const string RunningOperation = "it is an operation running in this process, not data";
    private const string ProcessBound = "it is bound to this process and means nothing on another node";
    private const string Service = "it is a service, not data; inject it into the component or bean instead of storing it";

    /// <summary>
    /// Types that cannot move to another process, with the reason shown to the page author. Checked in order, so a
    /// specific reason wins over the general one for disposables.
    /// </summary>
    private static readonly (Type Type, string Reason)[] Forbidden =
    [
        (typeof(Delegate), "a delegate points at code and captured objects, not data"),
        (typeof(HttpMessageInvoker), NetworkConnection),
        (typeof(Socket), NetworkConnection),
        (typeof(TcpClient), NetworkConnection),
        (typeof(UdpClient), NetworkConnection),
        (typeof(Stream), "it is an open stream, not data; store the bytes or a file name"),
        (typeof(TextReader), "it is an open reader, not data; store the text"),
        (typeof(TextWriter), "it is an open writer, not data; store the text"),
        (typeof(Task), RunningOperation),
        (typeof(ValueTask), RunningOperation),
        (typeof(ValueTask<>), RunningOperation),
        (typeof(IAsyncResult), RunningOperation),
        (typeof(CancellationToken), RunningOperation),
        (typeof(CancellationTokenSource), RunningOperation),
        (typeof(Thread), ProcessBound),
        (typeof(System.Threading.Timer), ProcessBound),
        (typeof(System.Timers.Timer), ProcessBound),
        (typeof(WaitHandle), ProcessBound),
        (typeof(SemaphoreSlim), ProcessBound),
        (typeof(ReaderWriterLockSlim), ProcessBound),
        (typeof(Lock), ProcessBound),
        (typeof(SafeHandle), "it is a native handle, valid only in this process"),
        (typeof(IntPtr), "it is a native pointer, valid only in this process"),
        (typeof(UIntPtr), "it is a native pointer, valid only in this process"),
        (typeof(MemberInfo), "reflection objects cannot be stored; store a name instead"),
        (typeof(Assembly), "reflection objects cannot be stored; store a name instead"),
        (typeof(IServiceProvider), Service),
        (typeof(IServiceScope), Service),
        (typeof(IServiceScopeFactory), Service),
        (typeof(ILogger), Service),
        (typeof(ILoggerFactory), Service),
        (typeof(IJSRuntime), Service),
        (typeof(NavigationManager), Service),
        (typeof(IHttpContextAccessor), Service),
        (typeof(HttpContext), "it belongs to one HTTP request"),
        (typeof(IComponent), "components are rebuilt from their saved state, not stored inside other state"),
        (typeof(ValueTuple<>), "tuple fields are not stored by System.Text.Json; use a record"),
        (typeof(ValueTuple<,>), "tuple fields are not stored by System.Text.Json; use a record"),
        (typeof(ValueTuple<,,>), "tuple fields are not stored by System.Text.Json; use a record"),
        (typeof(ValueTuple<,,,>), "tuple fields are not stored by System.Text.Json; use a record"),
        (typeof(ValueTuple<,,,,>), "tuple fields are not stored by System.Text.Json; use a record"),
        (typeof(ValueTuple<,,,,,>), "tuple fields are not stored by System.Text.Json; use a record"),
        (typeof(ValueTuple<,,,,,,>), "tuple fields are not stored by System.Text.Json; use a record"),
    ];

    /// <summary>The reason <paramref name="type"/> cannot be stored, or null.</summary>
    private static string? ForbiddenReason(Type type, bool isRoot)
    {
        if (type.IsPointer || type.IsByRef || type.IsFunctionPointer)
        {
            return "pointers cannot be stored";
        }
        if (type.IsByRefLike)
        {
            return "ref structs (Span and friends) cannot be stored";
        }
        foreach (var (forbidden, reason) in Forbidden)
        {
            if (IsOrDerives(type, forbidden))
            {
                return reason;
            }
        }
        // No reference to Entity Framework here: recognise a DbContext by name, anywhere in the base chain.
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.Name.EndsWith("DbContext", StringComparison.Ordinal))
            {
                return "it holds a database connection and tracked entities; store the data, not the context";
            }
        }
        if (type == typeof(object))
        {
            return "a member typed 'object' cannot be read back (the stored JSON does not say which type it was); use a concrete type";
        }
        // A disposable owns something (a connection, a handle, a pooled buffer) that cannot follow the session to
        // another node. The root is exempt: a bean may implement IDisposable so the container can clean it up.
        if (!isRoot && (typeof(IDisposable).IsAssignableFrom(type) || typeof(IAsyncDisposable).IsAssignableFrom(type)))
        {
            return "it is disposable, so it owns a resource that cannot move to another node; store the data it holds";
        }
        return null;
    }

    private static bool IsOrDerives(Type type, Type forbidden)
    {
        if (forbidden.IsGenericTypeDefinition)
        {
            return type.IsGenericType && type.GetGenericTypeDefinition() == forbidden;
        }
        return forbidden.IsAssignableFrom(type);
    }
}
