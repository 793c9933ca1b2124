using System.ComponentModel.DataAnnotations;
using IdReissue.Application.Accounts;
using IdReissue.Web.Auth;
using IdReissue.Web.Presentation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace IdReissue.Web.Accounts.Pages;

/// <summary>实名认证: the account holder's name and ID number, checked against the household registry.</summary>
[Authorize(Policy = Policies.Applicant)]
public sealed class RealNameModel(GetAccountHandler getAccount, VerifyRealNameHandler verify) : FormPage
{
    [BindProperty]
    public RealNameInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        ShowStep();
        var account = await getAccount.HandleAsync(new GetAccount(User.ApplicantId()), cancellationToken);
        return account.RealNameVerifiedAt is null ? Page() : LocalRedirect("/apply");
    }

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ShowStep();
        return AttemptAsync(async () =>
        {
            (await verify.HandleAsync(new VerifyRealName(User.ApplicantId(), Input.Name, Input.CitizenId), cancellationToken)).ValueOrThrow();
            return LocalRedirect("/apply");
        });
    }

    protected override string? FieldFor(string code) => code == "name_invalid" ? "name" : "citizenId";

    private void ShowStep() => ViewData["Step"] = ApplicantStep.Before("real-name", "/");
}

public sealed class RealNameInput
{
    [Display(Name = "姓名")]
    public string? Name { get; set; }

    [Display(Name = "公民身份号码")]
    public string? CitizenId { get; set; }
}
