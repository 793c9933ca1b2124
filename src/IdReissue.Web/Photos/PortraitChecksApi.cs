using IdReissue.Application.Abuse;
using IdReissue.Application.Ports;
using IdReissue.Portrait;
using IdReissue.Web.Abuse;
using IdReissue.Web.Applications;
using IdReissue.Web.Capacity;
using IdReissue.Web.Errors;
using IdReissue.Web.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IdReissue.Web.Photos;

/// <summary>证件人像检测 on its own (../shared/specs/portrait-contract.md): a photo in, the verdict with every
/// reason out — free, for citizens and photo studios, with no application needed.</summary>
public static class PortraitChecksApi
{
    public static RouteGroupBuilder MapPortraitChecksApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/portrait").WithTags("Portrait").AllowAnonymous();
        group.MapPost("/checks", Check).DisableAntiforgery().ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .AdmittedAs(WorkKind.Check).WithName("CheckPortrait").WithSummary("Check a photo against an ID photo specification, with every reason");
        group.MapGet("/specs", (PortraitEngine engine) => TypedResults.Ok(engine.Specifications.All.Select(s => new SpecView(s.Id, s.Name, s.WidthPx, s.HeightPx, s.Format)).ToList()))
            .WithName("ListPortraitSpecs").WithSummary("The photo specifications a check can use");
        return group;
    }

    public static async Task<Results<Ok<PortraitCheckView>, ProblemHttpResult>> Check(
        IFormFile? photo, [Microsoft.AspNetCore.Mvc.FromForm] string? spec, PortraitEngine engine, ApplicationMetrics metrics, IAbuseLimiter limiter,
        AbuseLimitOptions limits, HttpContext http, CancellationToken cancellationToken)
    {
        await AnonymousPortraitRequest.CountAsync(limiter, limits, http, cancellationToken);
        if (AnonymousPortraitRequest.Specification(engine.Specifications, spec, out var specification) is { } unknown)
        {
            return unknown;
        }

        var bytes = await Uploads.ReadAsync(photo, cancellationToken);
        var result = engine.Check(bytes, specification);
        metrics.PhotoCheck(result.Verdict, TimeSpan.FromMilliseconds(result.ElapsedMs));
        return TypedResults.Ok(new PortraitCheckView(photo!.FileName, result.Spec, result.Verdict, result.ElapsedMs, result.Reasons, result.Measures));
    }
}

/// <summary>The same object as one line of `portrait.sh check --json`.</summary>
public sealed record PortraitCheckView(string File, string Spec, string Verdict, double ElapsedMs, IReadOnlyList<Reason> Reasons, IReadOnlyDictionary<string, double> Measures);

public sealed record SpecView(string Id, string Name, int WidthPx, int HeightPx, string Format);
