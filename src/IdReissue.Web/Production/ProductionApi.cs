using System.Globalization;
using System.Security.Claims;
using System.Text;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Common;
using IdReissue.Infrastructure.Outbox;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Persistence.Records;
using IdReissue.Infrastructure.Regions;
using IdReissue.Infrastructure.Persistence.Stores;
using IdReissue.Web.Auth;
using IdReissue.Web.Errors;
using IdReissue.Web.Idempotency;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Web.Production;

/// <summary>Production batches: approved applications handed to the production centre (制证中心) as one export.</summary>
public static class ProductionApi
{
    private const int MaxBatchSize = 1000;

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
        CreateBatchRequest request, ClaimsPrincipal user, IdReissueDbContext db, RegionCatalog regions, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var regionId = user.OfficerRegion() == "*" ? request.Region : user.OfficerRegion();
        var region = regions.Get(regionId);
        var now = time.GetUtcNow();
        var approved = await db.Applications.Include(a => a.Transitions)
            .Where(a => a.RegionId == region.Id && a.State == ApplicationState.Approved)
            // One held application must not block the region's batch: it waits for its officer instead.
            .Where(a => a.HolderDeniedAt == null || a.HolderDenialClearedAt != null)
            .OrderBy(a => a.CreatedAt).Take(MaxBatchSize).ToListAsync(cancellationToken);
        if (approved.Count == 0)
        {
            return Problems.Create(409, "nothing_to_produce", "当前没有审核通过、待制证的申请。");
        }

        var batch = new ProductionBatch
        {
            Id = Guid.NewGuid(),
            BatchNumber = string.Create(CultureInfo.InvariantCulture, $"ZZ{region.ProvinceCode}{ChinaTime.Local(now):yyyyMMddHHmmss}{System.Security.Cryptography.RandomNumberGenerator.GetInt32(0, 1000):D3}"),
            RegionId = region.Id,
            CreatedAt = now,
            CreatedBy = user.OfficerUsername(),
            ApplicationCount = approved.Count,
        };
        db.ProductionBatches.Add(batch);
        foreach (var application in approved)
        {
            application.StartProduction(batch.Id, now, user.AsActor());
        }

        audit.Record(user.AsActor(), "production.batch", batch.BatchNumber, $"{approved.Count} applications");
        db.Enqueue(ProductionHandoffHandler.KindName, new HandOffBatch(batch.Id), now, deduplicationKey: $"handoff:{batch.Id:N}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/officer/production-batches/{batch.Id}/export", BatchView.From(batch, [.. approved.Select(a => a.ApplicationNumber)]));
    }

    public static async Task<Ok<List<BatchView>>> ListBatches(ClaimsPrincipal user, IdReissueDbContext db, CancellationToken cancellationToken)
    {
        var scope = user.OfficerRegion();
        var batches = await db.ProductionBatches.AsNoTracking().Where(b => scope == "*" || b.RegionId == scope).ToListAsync(cancellationToken);
        return TypedResults.Ok(batches.OrderByDescending(b => b.CreatedAt).Take(100).Select(b => BatchView.From(b, [])).ToList());
    }

    /// <summary>The batch's CSV, as handed to the production centre.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Export(
        Guid id, ClaimsPrincipal user, IdReissueDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var batch = await db.ProductionBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (batch is null || !user.MaySeeRegion(batch.RegionId))
        {
            return Problems.NotFound("batch_not_found", "未找到该制证批次。");
        }

        var (csv, lines) = await ProductionExport.BuildAsync(db, batch, cancellationToken);
        audit.Record(user.AsActor(), "production.export", batch.BatchNumber, $"{lines} lines");
        await db.SaveChangesAsync(cancellationToken);
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray();
        return TypedResults.File(bytes, "text/csv; charset=utf-8", $"{batch.BatchNumber}.csv");
    }
}

public sealed record CreateBatchRequest(string? Region);

public sealed record BatchView(Guid Id, string BatchNumber, string Region, DateTimeOffset CreatedAt, string CreatedBy, int ApplicationCount, IReadOnlyList<string> ApplicationNumbers)
{
    public static BatchView From(ProductionBatch batch, IReadOnlyList<string> applicationNumbers) =>
        new(batch.Id, batch.BatchNumber, batch.RegionId, batch.CreatedAt, batch.CreatedBy, batch.ApplicationCount, applicationNumbers);
}
