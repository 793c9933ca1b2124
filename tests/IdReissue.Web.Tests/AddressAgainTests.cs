using System.Net;

namespace IdReissue.Web.Tests;

/// <summary>Giving the mailing address again (a changed mind, or a client retrying after a node died) replaces it.</summary>
public sealed class AddressAgainTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private Api Api => service.Api;

    [Fact]
    public async Task An_address_given_again_replaces_the_first_one()
    {
        var journey = await Journey.Begin(Api, "hunan");
        await journey.ToAddressGiven("Damage");

        var again = await Api.Expect(await Api.Send(HttpMethod.Put, $"/api/applications/{journey.ApplicationId}/address", journey.Token,
            new { recipient = journey.Field("name"), phone = journey.Field("phone"), divisionCode = journey.Field("householdDivisionCode"), detail = "解放西路99号1栋101室" }), HttpStatusCode.OK);

        Assert.Equal("AddressGiven", again.GetProperty("state").GetString());
        var stored = await Api.Get($"/api/applications/{journey.ApplicationId}", journey.Token);
        Assert.Contains("解放西路99号", stored.GetProperty("address").GetRawText(), StringComparison.Ordinal);
    }
}
