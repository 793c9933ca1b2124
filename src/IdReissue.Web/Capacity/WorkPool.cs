namespace IdReissue.Web.Capacity;

/// <summary>The concurrency pools: anonymous work has its own two, so a flood of it never holds what signed-in work needs.</summary>
public enum WorkPool
{
    AnonymousFixes,
    AnonymousChecks,
    SignedIn,
    FaceVerifications,
}
