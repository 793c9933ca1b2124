using System.Net;
using System.Text.Json;
using IdReissue.Domain.Gateways;
using Microsoft.Extensions.DependencyInjection;

namespace IdReissue.Web.Tests;

/// <summary>
/// Nothing acts on a card, or holds a person's place, before the applicant is proven to be that person:
/// real-name verification of the ID number, then face verification against the registry photo.
/// </summary>
[Collection(SharedService.Name)]
public class CardHolderProofTests(ServiceFixture service)
{
    private Api Api => service.Api;

    [Theory]
    [InlineData("hunan")]
    [InlineData("jilin")]
    [InlineData("tianjin")]
    public async Task A_stranger_logged_in_with_their_own_phone_cannot_start_an_application_for_someone_else(string region)
    {
        var victim = await Api.NewResident(region);
        var stranger = await Journey.Begin(Api, region);

        // No real-name verification (Hunan and Jilin do not require a real-name account for eligibility).
        await Api.ExpectProblem(await Api.Post("/api/applications", stranger.Token, new
        {
            region,
            @case = "Loss",
            name = victim.GetProperty("name").GetString(),
            citizenId = victim.GetProperty("citizenId").GetString(),
            householdNumber = victim.GetProperty("householdNumber").GetString(),
        }), HttpStatusCode.Forbidden, "real_name_required");

        Assert.Empty((await Api.Get("/api/applications", stranger.Token)).EnumerateArray());
        Assert.False(await ReportedLostAsync(victim));
    }

    [Fact]
    public async Task A_stranger_who_knows_name_and_number_cannot_report_the_card_lost_without_the_holders_face()
    {
        // The sandbox registry's "face-mismatch" resident: the sandbox's recording, performed live, is of
        // another person than the registry photo, as a stranger's face differs from the holder's.
        var victim = await Api.NewResident("hunan", "face-mismatch");
        var stranger = new Journey(Api, victim, await Api.LoginApplicant((await Api.NewResident("hunan")).GetProperty("phone").GetString()!));
        await stranger.VerifyRealName();
        await stranger.Start("Loss");
        Assert.True((await stranger.CheckEligibility()).GetProperty("eligible").GetBoolean());

        await Api.ExpectProblem(await Api.Post($"/api/applications/{stranger.ApplicationId}/loss-report", stranger.Token,
            new { place = "长沙市芙蓉区五一广场", lostAt = DateTimeOffset.UtcNow.AddDays(-1), receiptWanted = true }), HttpStatusCode.Conflict, "step_out_of_order");
        await Api.ExpectProblem(await stranger.VerifyFaceWithSandboxClip(), HttpStatusCode.UnprocessableEntity, "face_not_matched");
        await Api.ExpectProblem(await Api.Post($"/api/applications/{stranger.ApplicationId}/loss-report", stranger.Token,
            new { place = "长沙市芙蓉区五一广场", lostAt = DateTimeOffset.UtcNow.AddDays(-1), receiptWanted = true }), HttpStatusCode.Conflict, "step_out_of_order");

        Assert.False(await ReportedLostAsync(victim));
        var progress = await stranger.Progress();
        Assert.Equal("EligibilityChecked", progress.GetProperty("state").GetString());
        Assert.DoesNotContain(progress.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("state").GetString() == "LossReported");
    }

    [Fact]
    public async Task An_unproven_claim_on_an_identity_does_not_lock_the_real_person_out()
    {
        var victim = await Api.NewResident("jilin");
        var stranger = new Journey(Api, victim, await Api.LoginApplicant((await Api.NewResident("jilin")).GetProperty("phone").GetString()!));
        await stranger.VerifyRealName();
        await stranger.Start("Damage");

        // The real person, on their own phone: real-name, an application of their own, face, address.
        var holder = new Journey(Api, victim, await Api.LoginApplicant(victim.GetProperty("phone").GetString()!));
        await holder.ToAddressGiven("Damage");

        // Once proven, the identity is the holder's alone: the stranger's open draft can go no further.
        await stranger.CheckEligibility();
        var attempt = await RealPerson.Begin(Api, stranger.Token, stranger.ApplicationId, "provider");
        await Api.ExpectProblem(await RealPerson.Answer(Api, stranger.Token, stranger.ApplicationId, await RealPerson.AtSandboxProvider(Api, attempt), []),
            HttpStatusCode.Conflict, "application_already_open");
        var latecomer = new Journey(Api, victim, await Api.LoginApplicant((await Api.NewResident("jilin")).GetProperty("phone").GetString()!));
        await Api.ExpectProblem(await Api.Post("/api/me/real-name", latecomer.Token, new { name = latecomer.Field("name"), citizenId = latecomer.Field("citizenId") }),
            HttpStatusCode.Conflict, "citizen_id_bound_elsewhere");
        Assert.Equal("AddressGiven", (await holder.Progress()).GetProperty("state").GetString());
    }

    private async Task<bool> ReportedLostAsync(JsonElement resident)
    {
        await using var scope = service.Services.CreateAsyncScope();
        var registry = scope.ServiceProvider.GetRequiredService<IHouseholdRegistry>();
        var record = await registry.FindAsync(resident.GetProperty("citizenId").GetString()!, CancellationToken.None);
        return record!.LastCard!.ReportedLost;
    }
}
