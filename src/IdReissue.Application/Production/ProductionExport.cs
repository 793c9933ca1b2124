using System.Text;
using IdReissue.Application.Ports;
using IdReissue.Domain.Production;

namespace IdReissue.Application.Production;

/// <summary>The batch as the production centre receives it: one CSV line per card, personal data masked
/// (the centre looks the full record up in its own system by application number).</summary>
public sealed class ProductionExport(IProductionBatchStore batches)
{
    public async Task<(string Csv, int Lines)> BuildAsync(ProductionBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var applications = await batches.ReadApplicationsOfAsync(batch.Id, cancellationToken);
        var csv = new StringBuilder();
        csv.AppendLine("batch_number,application_number,region,case,masked_name,masked_citizen_id,photo_source,photo_number,photo_file_id,validity");
        foreach (var a in applications.OrderBy(a => a.ApplicationNumber, StringComparer.Ordinal))
        {
            csv.AppendLine(string.Join(',',
                batch.BatchNumber, a.ApplicationNumber, a.RegionId, a.Case, a.MaskedName, a.MaskedCitizenId, a.PhotoSource,
                a.PhotoNumber ?? string.Empty, a.PhotoId?.ToString() ?? string.Empty, a.NewCardValidity?.Printed ?? string.Empty));
        }

        return (csv.ToString(), applications.Count);
    }
}
