using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Regions;

namespace IdReissue.Application.Review;

/// <summary>The officer's day in numbers, within the officer's region.</summary>
public sealed record DayFigures(
    DateOnly Day, int Started, IReadOnlyList<RegionCaseCount> ByRegionAndCase, int PhotosChecked, int PhotosPassed, IReadOnlyList<ReasonCount> TopFailures,
    int Overdue, int ToReview, int ToProduce, int DeliveredToday, int GivenUpCount, IReadOnlyList<GivenUpTask> GivenUp)
{
    public double? PassRate => PhotosChecked == 0 ? null : (double)PhotosPassed / PhotosChecked;
}

public sealed record RegionCaseCount(string Region, ReissueCase Case, int Count);

/// <summary>How often a portrait check's reason (its code) refused a photo.</summary>
public sealed record ReasonCount(string Code, int Count);
