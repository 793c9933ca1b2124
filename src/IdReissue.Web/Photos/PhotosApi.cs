using System.Security.Claims;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Common;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Web.Applications;
using IdReissue.Web.Auth;
using IdReissue.Web.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

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
        applicant.MapGet("/", GetPhotoStatus);
        applicant.MapPost("/", SubmitOwnPhoto).DisableAntiforgery();

        var studio = routes.MapGroup("/api/photos/{photoNumber}").WithTags("Photos").AllowAnonymous()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        studio.MapGet("/", GetByPhotoNumber);
        studio.MapPost("/", SubmitByPhotoNumber).DisableAntiforgery();
        return routes;
    }

    public static async Task<Ok<PhotoStatusView>> GetPhotoStatus(Guid id, ClaimsPrincipal user, IdReissueDbContext db, CancellationToken cancellationToken)
    {
        var application = await db.LoadOwnAsync(id, user, cancellationToken);
        return TypedResults.Ok(StatusOf(application));
    }

    public static async Task<Ok<PhotoCheckView>> SubmitOwnPhoto(
        Guid id, IFormFile? photo, ClaimsPrincipal user, IdReissueDbContext db, PhotoIntake intake, CancellationToken cancellationToken)
    {
        var application = await db.LoadOwnAsync(id, user, cancellationToken);
        var bytes = await Uploads.ReadAsync(photo, cancellationToken);
        return TypedResults.Ok(await intake.SubmitAsync(application, bytes, "applicant", user.AsActor(), cancellationToken));
    }

    public static async Task<Results<Ok<PhotoStatusView>, ProblemHttpResult>> GetByPhotoNumber(string photoNumber, IdReissueDbContext db, CancellationToken cancellationToken)
    {
        var application = await FindByPhotoNumberAsync(db, photoNumber, cancellationToken);
        return TypedResults.Ok(StatusOf(application));
    }

    public static async Task<Ok<PhotoCheckView>> SubmitByPhotoNumber(
        string photoNumber, IFormFile? photo, IdReissueDbContext db, PhotoIntake intake, CancellationToken cancellationToken)
    {
        var application = await FindByPhotoNumberAsync(db, photoNumber, cancellationToken);
        var bytes = await Uploads.ReadAsync(photo, cancellationToken);
        return TypedResults.Ok(await intake.SubmitAsync(application, bytes, "studio", Actor.Gateway("photo-studio"), cancellationToken));
    }

    public static async Task<ReissueApplication> FindByPhotoNumberAsync(IdReissueDbContext db, string input, CancellationToken cancellationToken)
    {
        if (!PhotoNumber.TryParse(input, out var number))
        {
            throw new DomainException("photo_number_invalid", "相片编号应为16位数字，请核对（可在“进度查询”中查看）。");
        }

        var value = number.Value;
        return await db.Applications.Include(a => a.Transitions).SingleOrDefaultAsync(a => a.PhotoNumber == value, cancellationToken)
            ?? throw new DomainException("photo_number_not_found", "未找到该相片编号对应的申请，请核对。", DomainErrorKind.NotFound);
    }

    private static PhotoStatusView StatusOf(ReissueApplication a) => new(
        a.PhotoNumber, a.PhotoSource, a.State == ApplicationState.PhotoPending, a.PhotoId is not null || a.PhotoSource == PhotoSource.Historic && a.PaidAt is not null,
        a.MaskedName, a.State, a.State.Chinese());
}
