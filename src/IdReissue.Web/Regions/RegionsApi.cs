using IdReissue.Domain.Regions;
using IdReissue.Infrastructure.Regions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IdReissue.Web.Regions;

/// <summary>The regions offered and their rules, so clients can tell applicants what applies before they start.</summary>
public static class RegionsApi
{
    public static RouteGroupBuilder MapRegionsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/regions").WithTags("Regions").AllowAnonymous();
        group.MapGet("/", (RegionCatalog regions) => TypedResults.Ok(regions.All.Select(RegionView.From).ToList()))
            .WithName("ListRegions").WithSummary("List the regions offered and their rules");
        group.MapGet("/{id}", Results<Ok<RegionView>, NotFound> (string id, RegionCatalog regions) =>
            regions.All.FirstOrDefault(r => r.Id == id) is { } region ? TypedResults.Ok(RegionView.From(region)) : TypedResults.NotFound())
            .WithName("GetRegion").WithSummary("One region's rules");
        return group;
    }
}

public sealed record RegionView(
    string Id, string Name, string ProvinceCode, IReadOnlyList<ReissueCase> AllowedCases, int LastCardMaxAgeYears, bool LastCardMustBeIssuedInProvince,
    bool FingerprintsRequired, bool LocalHouseholdRequired, bool RealNameAccountRequired, IReadOnlyList<RequiredDocument> RequiredDocuments,
    PhotoMode PhotoMode, IReadOnlyDictionary<ReissueCase, decimal> CardFeeYuan, decimal PostageSameCityYuan, decimal PostageElsewhereYuan,
    bool PostagePayOnDelivery, IReadOnlyList<Domain.Payments.PaymentChannel> PaymentChannels, int ServiceLevelWorkingDays)
{
    public static RegionView From(RegionPolicy p) => new(
        p.Id, p.Name, p.ProvinceCode, p.AllowedCases, p.LastCard.MaxAgeYears, p.LastCard.MustBeIssuedInProvince, p.LastCard.FingerprintsRequired,
        p.LocalHouseholdRequired, p.RealNameAccountRequired, p.RequiredDocuments, p.Photo.Mode,
        p.CardFeeFen.ToDictionary(kv => kv.Key, kv => kv.Value / 100m), p.Postage.SameCityFen / 100m, p.Postage.ElsewhereFen / 100m,
        p.Postage.PayOnDelivery, p.PaymentChannels, p.ServiceLevelWorkingDays);
}
