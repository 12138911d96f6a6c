namespace RazorFaces.Tests.Support;

// A deployment is a class fixture: xunit starts it before a test class's tests and disposes it after.
public abstract partial class RedisDeployment : IAsyncLifetime;
