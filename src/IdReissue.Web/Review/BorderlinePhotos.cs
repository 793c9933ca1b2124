using IdReissue.Application.Ports;
using IdReissue.Infrastructure.Regions;
using IdReissue.Portrait;
using IdReissue.Web.Photos;

namespace IdReissue.Web.Review;

/// <summary>The borderline rule of <see cref="PhotoMargins"/> against the region's standard as the portrait engine knows it.</summary>
public sealed class BorderlinePhotos(RegionCatalog regions, PortraitEngine engine) : IBorderlinePhotos
{
    public bool IsBorderline(string regionId, IReadOnlyDictionary<string, double> measures) =>
        engine.Specifications.Find(regions.Get(regionId).Photo.Specification) is { } spec && PhotoMargins.IsBorderline(measures, spec);
}
