using System.ComponentModel.DataAnnotations;
using IdReissue.Application.Accounts;
using IdReissue.Application.Applications;
using IdReissue.Domain.Accounts;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Regions;
using IdReissue.Infrastructure.Regions;
using IdReissue.Web.Auth;
using IdReissue.Web.Presentation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace IdReissue.Web.Applications.Pages;

/// <summary>The applicant's home: the open application to continue, or the choice of region and case to start one.</summary>
[Authorize(Policy = Policies.Applicant)]
public sealed class ApplyModel(
    RegionCatalog regions, GetAccountHandler getAccount, ListApplicationsHandler listApplications, StartApplicationHandler start,
    CheckEligibilityHandler checkEligibility, ILogger<StartApplicationRequest> logger) : FormPage
{
    [BindProperty]
    public StartInput Input { get; set; } = new();

    public ApplicantAccount Account { get; private set; } = null!;

    public IEnumerable<RegionPolicy> AllRegions => regions.All;

    public ReissueApplication? Open { get; private set; }

    public string? ContinueUrl { get; private set; }

    public IReadOnlyList<ReissueApplication> Earlier { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Account.RealNameVerifiedAt is null)
        {
            return LocalRedirect("/apply/real-name");
        }

        // The ID number's first two digits are the province where it was first issued: most people still live there,
        // so that region is chosen for them (and said so), and anyone who has moved changes it.
        SuggestedRegion = AllRegions.FirstOrDefault(r => Account.CitizenId?.StartsWith(r.ProvinceCode, StringComparison.Ordinal) == true);
        Input.Region ??= SuggestedRegion?.Id;
        return Page();
    }

    /// <summary>The region of the ID number's province, chosen in advance.</summary>
    public RegionPolicy? SuggestedRegion { get; private set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Account.RealNameVerifiedAt is null)
        {
            return LocalRedirect("/apply/real-name");
        }

        return await AttemptAsync(async () =>
        {
            var started = (await start.HandleAsync(new StartApplication(User.ApplicantId(), Input.Region, Input.Case, Input.HouseholdNumber), cancellationToken)).ValueOrThrow();
            ApplicationsApi.LogStarted(logger, started);
            (await checkEligibility.HandleAsync(new CheckEligibility(started.Id, User.ApplicantId()), cancellationToken)).ValueOrThrow();
            return LocalRedirect($"/apply/{started.Id}/eligibility");
        }, () => LoadAsync(cancellationToken));
    }

    protected override string? FieldFor(string code) => code switch
    {
        "unknown_region" => "region",
        "case_required" => "case",
        _ => null,
    };

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        ViewData["Step"] = ApplicantStep.Before("apply", "/");
        var accountId = User.ApplicantId();
        Account = await getAccount.HandleAsync(new GetAccount(accountId), cancellationToken);
        var applications = await listApplications.HandleAsync(new ListApplications(accountId), cancellationToken);
        Open = applications.FirstOrDefault(a => a.OpenForAccount == accountId);
        ContinueUrl = Open is null ? null : ApplicantJourney.PageFor(Open, regions.Get(Open.RegionId));
        Earlier = [.. applications.Where(a => a != Open)];
    }
}

public sealed class StartInput
{
    [Display(Name = "办理地区")]
    public string? Region { get; set; }

    [Display(Name = "办理类型")]
    public ReissueCase? Case { get; set; }

    [Display(Name = "户号")]
    public string? HouseholdNumber { get; set; }
}
