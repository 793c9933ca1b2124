using System.ComponentModel.DataAnnotations;
using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Web.Auth;
using IdReissue.Web.Presentation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Web.Accounts.Pages;

/// <summary>实名认证: the account holder's name and ID number, checked against the household registry.</summary>
[Authorize(Policy = Policies.Applicant)]
public sealed class RealNameModel(IdReissueDbContext db, IHouseholdRegistry registry, TimeProvider time) : FormPage
{
    [BindProperty]
    public RealNameInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        ShowStep();
        var account = await db.ApplicantAccounts.AsNoTracking().SingleAsync(a => a.Id == User.ApplicantId(), cancellationToken);
        return account.RealNameVerifiedAt is null ? Page() : LocalRedirect("/apply");
    }

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ShowStep();
        return AttemptAsync(async () =>
        {
            ResultValue.Of<AccountView>(await AccountsApi.VerifyRealName(new RealNameRequest(Input.Name, Input.CitizenId), User, db, registry, time, cancellationToken));
            return LocalRedirect("/apply");
        });
    }

    protected override string? FieldFor(string code) => code == "name_invalid" ? "name" : "citizenId";

    private void ShowStep() => ViewData["Step"] = new ApplicantStep(1, ApplicantStep.Names[0], "/");
}

public sealed class RealNameInput
{
    [Display(Name = "姓名")]
    public string? Name { get; set; }

    [Display(Name = "公民身份号码")]
    public string? CitizenId { get; set; }
}
