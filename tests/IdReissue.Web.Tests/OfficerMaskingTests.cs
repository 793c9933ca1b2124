using System.Net;

namespace IdReissue.Web.Tests;

/// <summary>Officer APIs mask like the workbench pages: the full address only through the audited reveal right.</summary>
[Collection(SharedService.Name)]
public class OfficerMaskingTests(ServiceFixture service)
{
    private Api Api => service.Api;

    [Fact]
    public async Task The_officer_detail_and_decision_answers_hold_no_street_address_or_full_recipient_name()
    {
        var journey = await Journey.Begin(Api, "hunan");
        await journey.ToAddressGiven("Damage");
        var address = (await Api.Get($"/api/applications/{journey.ApplicationId}", journey.Token)).GetProperty("address");
        var street = address.GetProperty("detail").GetString()!;
        var recipient = address.GetProperty("recipient").GetString()!;
        await journey.PayAtCashier(await journey.CreatePayment("WeChatPay"));
        var photoNumber = (await journey.WaitFor("PhotoPending")).GetProperty("photoNumber").GetString()!;
        await Api.Expect(await Api.Post($"/api/photos/{photoNumber}", null, Api.Upload("photo", Journey.GoodPhoto)), HttpStatusCode.OK);
        var reviewer = await Api.LoginOfficer("hunan-review");

        var detail = await Api.Get($"/api/officer/applications/{journey.ApplicationId}", reviewer);
        var approved = await Api.Expect(await Api.Post($"/api/officer/applications/{journey.ApplicationId}/approve", reviewer), HttpStatusCode.OK);

        foreach (var answer in new[] { detail.GetRawText(), approved.GetRawText() })
        {
            Assert.DoesNotContain(street, answer, StringComparison.Ordinal);
            Assert.DoesNotContain(recipient, answer, StringComparison.Ordinal);
            Assert.DoesNotContain(journey.Field("phone"), answer, StringComparison.Ordinal);
        }

        var masked = detail.GetProperty("application").GetProperty("address");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, masked.GetProperty("detail").ValueKind);
        Assert.StartsWith(recipient[..1], masked.GetProperty("recipient").GetString(), StringComparison.Ordinal);
        var revealed = await Api.Expect(await Api.Post($"/api/officer/applications/{journey.ApplicationId}/reveal", reviewer), HttpStatusCode.OK);
        Assert.Contains(street, revealed.GetProperty("address").GetString(), StringComparison.Ordinal);
    }
}
