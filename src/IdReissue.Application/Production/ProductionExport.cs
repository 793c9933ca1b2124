using System.Text;
using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Production;
using IdReissue.Domain.Regions;

namespace IdReissue.Application.Production;

/// <summary>The batch as the production centre receives it: one CSV line per card, personal data masked
/// (the centre looks the full record up in its own system by application number). Officers open it too, so the
/// headers and values are Chinese; the codes a machine reads keep columns of their own.</summary>
public sealed class ProductionExport(IProductionBatchStore batches, IRegionPolicies regions)
{
    public async Task<(string Csv, int Lines)> BuildAsync(ProductionBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var applications = await batches.ReadApplicationsOfAsync(batch.Id, cancellationToken);
        var csv = new StringBuilder();
        csv.AppendLine("批次号,申请编号,地区,地区代码,业务类型,业务代码,姓名（脱敏）,公民身份号码（脱敏）,照片来源,照片来源代码,相片编号,照片文件,有效期限");
        foreach (var a in applications.OrderBy(a => a.ApplicationNumber, StringComparer.Ordinal))
        {
            csv.AppendLine(string.Join(',',
                batch.BatchNumber, a.ApplicationNumber, regions.PolicyOf(a.RegionId).Name, a.RegionId, a.Case.Chinese(), a.Case, a.MaskedName, a.MaskedCitizenId,
                a.PhotoSource.Chinese(), a.PhotoSource,
                a.PhotoNumber ?? string.Empty, a.PhotoId?.ToString() ?? string.Empty, a.NewCardValidity?.Printed ?? string.Empty));
        }

        return (csv.ToString(), applications.Count);
    }
}
