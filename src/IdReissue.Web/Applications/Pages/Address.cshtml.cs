using IdReissue.Web.Auth;
using IdReissue.Application.Applications;
using IdReissue.Application.Ports;
using System.ComponentModel.DataAnnotations;
using IdReissue.Domain.Identity;
using IdReissue.Infrastructure.Regions;
using IdReissue.Web.Presentation;
using Microsoft.AspNetCore.Mvc;

namespace IdReissue.Web.Applications.Pages;

/// <summary>Where EMS brings the new card; the postage depends on whether it stays in the household's city.</summary>
public sealed class AddressModel(IApplicationStore applications, RegionCatalog regions, GiveAddressHandler giveAddress) : ApplicantPage(applications, regions)
{
    [BindProperty]
    public AddressInput Input { get; set; } = new();

    /// <summary>The province whose districts the list offers (two digits); defaults to the household's.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Province { get; set; }

    public IReadOnlyList<Division> Provinces { get; private set; } = [];

    public IReadOnlyList<IGrouping<string, Division>> Districts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var redirect = await LoadForStepAsync("address", cancellationToken);
        Prepare();
        return redirect ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var redirect = await LoadForStepAsync("address", cancellationToken);
        Prepare();
        return redirect ?? await AttemptAsync(async () =>
        {
            (await giveAddress.HandleAsync(
                new GiveAddress(Id, User.ApplicantId(), Input.Recipient, Input.Phone, Input.DivisionCode, Input.Detail), cancellationToken)).ValueOrThrow();
            return Continue();
        });
    }

    protected override string? FieldFor(string code) => code switch
    {
        "recipient_invalid" => "recipient",
        "invalid_phone" => "phone",
        "division_code_invalid" => "divisionCode",
        "address_detail_invalid" => "detail",
        _ => null,
    };

    private void Prepare()
    {
        Step("address", "/apply");
        var divisions = AdministrativeDivisions.Official;
        Province = Province is { Length: 2 } p && p.All(char.IsAsciiDigit) ? p
            : Input.DivisionCode is { Length: 6 } chosen ? chosen[..2] : Application.HouseholdDivisionCode[..2];
        Provinces = [.. divisions.All.Where(d => !d.Abolished && d.Code.EndsWith("0000", StringComparison.Ordinal)).OrderBy(d => d.Code)];
        Districts = [.. divisions.All
            .Where(d => !d.Abolished && d.Code.StartsWith(Province, StringComparison.Ordinal) && !d.Code.EndsWith("00", StringComparison.Ordinal))
            .OrderBy(d => d.Code)
            .GroupBy(d => divisions.Find(d.Code[..4] + "00")?.Name ?? divisions.Find(Province + "0000")?.Name ?? Province)];
        Input.DivisionCode ??= Application.HouseholdDivisionCode;
    }
}

public sealed class AddressInput
{
    [Display(Name = "收件人")]
    public string? Recipient { get; set; }

    [Display(Name = "收件人手机号码")]
    public string? Phone { get; set; }

    [Display(Name = "所在区（县）")]
    public string? DivisionCode { get; set; }

    [Display(Name = "详细地址")]
    public string? Detail { get; set; }
}
