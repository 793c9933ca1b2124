using System.Security.Claims;
using IdReissue.Application.Photos;
using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Common;
using IdReissue.Web.Applications;
using IdReissue.Web.Auth;
using IdReissue.Web.Capacity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IdReissue.Web.Photos;

/// <summary>Photo submission by the applicant, or by a photo studio with the photo number (相片编号).</summary>
public static class PhotosApi
{
    public static IEndpointRouteBuilder MapPhotosApi(this IEndpointRouteBuilder routes)
    {
        var applicant = routes.MapGroup("/api/applications/{id:guid}/photo").WithTags("Photos").RequireAuthorization(Policies.Applicant)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        applicant.MapGet("/", GetPhotoStatus).WithName("GetPhotoStatus").WithSummary("Whether a photo is needed, and its photo number");
        applicant.MapPost("/", SubmitOwnPhoto).DisableAntiforgery().AdmittedAs(WorkKind.Check).WithName("SubmitPhoto").WithSummary("Submit the applicant's own photo; checked against the ID photo standard");

        var studio = routes.MapGroup("/api/photos/{photoNumber}").WithTags("Photos").AllowAnonymous()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        studio.MapGet("/", GetByPhotoNumber).WithName("GetPhotoByNumber").WithSummary("A photo studio looks up an application by photo number (相片编号)");
        studio.MapPost("/", SubmitByPhotoNumber).DisableAntiforgery().AdmittedAs(WorkKind.Check).WithName("SubmitPhotoByNumber").WithSummary("A photo studio submits the photo by photo number");
        return routes;
    }

    public static async Task<Ok<PhotoStatusView>> GetPhotoStatus(Guid id, ClaimsPrincipal user, IApplicationStore applications, CancellationToken cancellationToken)
    {
        var application = await applications.LoadOwnAsync(id, user, cancellationToken);
        return TypedResults.Ok(StatusOf(application));
    }

    public static async Task<Ok<PhotoCheckView>> SubmitOwnPhoto(
        Guid id, IFormFile? photo, ClaimsPrincipal user, IApplicationStore applications, PhotoIntake intake, CancellationToken cancellationToken)
    {
        var application = await applications.LoadOwnAsync(id, user, cancellationToken);
        var bytes = await Uploads.ReadAsync(photo, cancellationToken);
        return TypedResults.Ok(await intake.SubmitAsync(application, bytes, "applicant", user.AsActor(), cancellationToken));
    }

    public static async Task<Results<Ok<PhotoStatusView>, ProblemHttpResult>> GetByPhotoNumber(
        string photoNumber, PhotoNumberLookup lookup, HttpContext http, CancellationToken cancellationToken)
    {
        var application = await lookup.FindAsync(photoNumber, http, cancellationToken);
        return TypedResults.Ok(StatusOf(application));
    }

    public static async Task<Ok<PhotoCheckView>> SubmitByPhotoNumber(
        string photoNumber, IFormFile? photo, PhotoNumberLookup lookup, PhotoIntake intake, HttpContext http, CancellationToken cancellationToken)
    {
        var application = await lookup.FindAsync(photoNumber, http, cancellationToken);
        var bytes = await Uploads.ReadAsync(photo, cancellationToken);
        return TypedResults.Ok(await intake.SubmitAsync(application, bytes, "studio", Actor.Gateway("photo-studio"), cancellationToken));
    }

    private static PhotoStatusView StatusOf(ReissueApplication a) => new(
        a.PhotoNumber, a.PhotoSource, a.State == ApplicationState.PhotoPending, a.PhotoId is not null || a.PhotoSource == PhotoSource.Historic && a.PaidAt is not null,
        a.MaskedName, a.State, a.State.Chinese());
}
