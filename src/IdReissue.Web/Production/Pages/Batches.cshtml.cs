using System.ComponentModel.DataAnnotations;
using IdReissue.Domain.Regions;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Regions;
using IdReissue.Infrastructure.Persistence.Stores;
using IdReissue.Web.Auth;
using IdReissue.Web.Presentation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IdReissue.Web.Production.Pages;

/// <summary>Production batches: approved applications handed to the production centre, and each batch's export.</summary>
[Authorize(Policy = Policies.Production)]
public sealed class BatchesModel(IdReissueDbContext db, RegionCatalog regions, AuditTrail audit, TimeProvider time) : FormPage
{
    [BindProperty]
    public BatchInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? Created { get; set; }

    public IReadOnlyList<BatchView> Batches { get; private set; } = [];

    public bool SeesAllRegions => User.OfficerRegion() == "*";

    public IEnumerable<RegionPolicy> AllRegions => regions.All;

    public string RegionName(string id) => regions.NameOf(id);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) => AttemptAsync(async () =>
    {
        var batch = ResultValue.Of<BatchView>(await ProductionApi.CreateBatch(new CreateBatchRequest(Input.Region), User, db, regions, audit, time, cancellationToken));
        return LocalRedirect($"/officer/production?created={Uri.EscapeDataString(batch.BatchNumber)}");
    }, () => LoadAsync(cancellationToken));

    /// <summary>The batch's CSV for the production centre; every export is audited.</summary>
    public async Task<IActionResult> OnGetExportAsync(Guid batch, CancellationToken cancellationToken)
    {
        var result = await ProductionApi.Export(batch, User, db, audit, cancellationToken);
        return result.Result is FileContentHttpResult file
            ? File(file.FileContents.ToArray(), file.ContentType ?? "text/csv", file.FileDownloadName)
            : NotFound();
    }

    protected override string? FieldFor(string code) => code == "unknown_region" ? "region" : null;

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Batches = ResultValue.Of<List<BatchView>>(await ProductionApi.ListBatches(User, db, cancellationToken));
}

public sealed class BatchInput
{
    [Display(Name = "地区")]
    public string? Region { get; set; }
}
