using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Production;

namespace IdReissue.Application.Production;

/// <summary>The batch's CSV, as handed to the production centre; every export is audited.</summary>
public sealed record ExportProductionBatch(Guid BatchId, OfficerScope Officer);

public sealed record ProductionBatchExport(ProductionBatch Batch, string Csv);

public sealed class ExportProductionBatchHandler(IProductionBatchStore batches, ProductionExport export, IAuditLog audit, IUnitOfWork unitOfWork)
{
    public async Task<Result<ProductionBatchExport>> HandleAsync(ExportProductionBatch query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var batch = await batches.FindAsync(query.BatchId, cancellationToken);
        if (batch is null || !query.Officer.MaySee(batch.RegionId))
        {
            return Problem.NotFound("batch_not_found", "未找到该制证批次。");
        }

        var (csv, lines) = await export.BuildAsync(batch, cancellationToken);
        audit.Record(query.Officer.Actor, "production.export", batch.BatchNumber, $"{lines} lines");
        await unitOfWork.SaveAsync(cancellationToken);
        return new ProductionBatchExport(batch, csv);
    }
}
