namespace IdReissue.Web.Capacity;

/// <summary>What a request costs the processors, and so which budget and which pool it is admitted by.</summary>
public enum WorkKind
{
    Check,
    Sheet,
    Fix,
    FaceVerification,
}

/// <summary>
/// Marks an endpoint (or, on a page model, one of its POST handlers) as CPU work that <see cref="WorkAdmissionMiddleware"/>
/// admits before the body is read. On a page, <see cref="Handler"/> names the handler (<c>?handler=Fix</c>; empty for the
/// plain POST); an endpoint's mark counts for all its requests.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class CpuWorkAttribute(WorkKind kind) : Attribute
{
    public WorkKind Kind { get; } = kind;

    public string? Handler { get; init; }
}

public static class CpuWorkEndpoints
{
    public static TBuilder AdmittedAs<TBuilder>(this TBuilder builder, WorkKind kind)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new CpuWorkAttribute(kind));
}
