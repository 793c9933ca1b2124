using System.Security.Claims;
using System.Text;
using IdReissue.Application.Production;
using IdReissue.Domain.Production;
using IdReissue.Web.Auth;
using IdReissue.Web.Errors;
using IdReissue.Web.Idempotency;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IdReissue.Web.Production;

/// <summary>Production batches: approved applications handed to the production centre (制证中心) as one export.</summary>
public static class ProductionApi
{
    public static RouteGroupBuilder MapProductionApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/officer/production-batches").WithTags("Officer").RequireAuthorization(Policies.Production)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/", CreateBatch).WithIdempotencyKey().WithName("CreateProductionBatch").WithSummary("Hand the region's approved applications to the production centre as one batch");
        group.MapGet("/", ListBatches).WithName("ListProductionBatches").WithSummary("The latest production batches");
        group.MapGet("/{id:guid}/export", Export).WithName("ExportProductionBatch").WithSummary("The batch's CSV, as handed to the production centre")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        return group;
    }

    public static async Task<Results<Created<BatchView>, ProblemHttpResult>> CreateBatch(
        CreateBatchRequest request, ClaimsPrincipal user, CreateProductionBatchHandler handler, CancellationToken cancellationToken)
    {
        var created = await handler.HandleAsync(new CreateProductionBatch(user.AsOfficerScope(), request.Region), cancellationToken);
        return created.Succeeded
            ? TypedResults.Created($"/api/officer/production-batches/{created.Value.Batch.Id}/export", BatchView.From(created.Value.Batch, created.Value.ApplicationNumbers))
            : Problems.From(created.Problem!);
    }

    public static async Task<Ok<List<BatchView>>> ListBatches(ClaimsPrincipal user, ListProductionBatchesHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok((await handler.HandleAsync(new ListProductionBatches(user.AsOfficerScope()), cancellationToken)).Select(b => BatchView.From(b, [])).ToList());

    /// <summary>The batch's CSV, as handed to the production centre.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Export(
        Guid id, ClaimsPrincipal user, ExportProductionBatchHandler handler, CancellationToken cancellationToken)
    {
        var exported = await handler.HandleAsync(new ExportProductionBatch(id, user.AsOfficerScope()), cancellationToken);
        return exported.Succeeded ? AsFile(exported.Value) : Problems.From(exported.Problem!);
    }

    /// <summary>UTF-8 with a byte-order mark, so that Excel opens the Chinese columns as Chinese.</summary>
    public static FileContentHttpResult AsFile(ProductionBatchExport export)
    {
        ArgumentNullException.ThrowIfNull(export);
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(export.Csv)).ToArray();
        return TypedResults.File(bytes, "text/csv; charset=utf-8", $"{export.Batch.BatchNumber}.csv");
    }
}

public sealed record CreateBatchRequest(string? Region);

public sealed record BatchView(Guid Id, string BatchNumber, string Region, DateTimeOffset CreatedAt, string CreatedBy, int ApplicationCount, IReadOnlyList<string> ApplicationNumbers)
{
    public static BatchView From(ProductionBatch batch, IReadOnlyList<string> applicationNumbers) =>
        new(batch.Id, batch.BatchNumber, batch.RegionId, batch.CreatedAt, batch.CreatedBy, batch.ApplicationCount, applicationNumbers);
}
