using System.ComponentModel.DataAnnotations;
using IdReissue.Application.Production;
using IdReissue.Domain.Regions;
using IdReissue.Infrastructure.Regions;
using IdReissue.Web.Auth;
using IdReissue.Web.Presentation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace IdReissue.Web.Production.Pages;

/// <summary>Production batches: approved applications handed to the production centre, and each batch's export.</summary>
[Authorize(Policy = Policies.Production)]
public sealed class BatchesModel(
    RegionCatalog regions, CreateProductionBatchHandler create, ListProductionBatchesHandler list, ExportProductionBatchHandler export) : FormPage
{
    [BindProperty]
    public BatchInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? Created { get; set; }

    public IReadOnlyList<BatchView> Batches { get; private set; } = [];

    /// <summary>The regions the officer may batch; an officer of more than one names which.</summary>
    public IReadOnlyList<(string Id, string Name)> RegionChoices => User.OfficerRegionChoices(regions);

    public string RegionName(string id) => regions.NameOf(id);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) => AttemptAsync(async () =>
    {
        var created = (await create.HandleAsync(new CreateProductionBatch(User.AsOfficerScope(), Input.Region), cancellationToken)).ValueOrThrow();
        return LocalRedirect($"/officer/production?created={Uri.EscapeDataString(created.Batch.BatchNumber)}");
    }, () => LoadAsync(cancellationToken));

    /// <summary>The batch's CSV for the production centre; every export is audited.</summary>
    public async Task<IActionResult> OnGetExportAsync(Guid batch, CancellationToken cancellationToken)
    {
        var exported = await export.HandleAsync(new ExportProductionBatch(batch, User.AsOfficerScope()), cancellationToken);
        if (!exported.Succeeded)
        {
            return NotFound();
        }

        var file = ProductionApi.AsFile(exported.Value);
        return File(file.FileContents.ToArray(), file.ContentType ?? "text/csv", file.FileDownloadName);
    }

    protected override string? FieldFor(string code) => code == "unknown_region" ? "region" : null;

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Batches = (await list.HandleAsync(new ListProductionBatches(User.AsOfficerScope()), cancellationToken)).Select(b => BatchView.From(b, [])).ToList();
}

public sealed class BatchInput
{
    [Display(Name = "地区")]
    public string? Region { get; set; }
}
