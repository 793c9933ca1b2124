namespace IdReissue.Web.Applications;

/// <summary>
/// Where a certified provider's page sends the applicant back: Tencent Cloud FaceID appends the BizToken as
/// <c>token</c> (some flows name it <c>BizToken</c>), and the face step's page completes the attempt with it
/// (a GET changes nothing; the page posts the completion).
/// </summary>
public static class ProviderReturn
{
    public static IEndpointConventionBuilder MapProviderReturn(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/apply/{id:guid}/face/provider-return", (Guid id, string? token, string? bizToken) =>
                (token ?? bizToken) is { Length: > 0 } returned
                    ? TypedResults.LocalRedirect($"/apply/{id}/face?attempt={Uri.EscapeDataString(returned)}")
                    : TypedResults.LocalRedirect($"/apply/{id}/face"))
            .ExcludeFromDescription();
}
