using System.Security.Claims;
using System.Text.Json;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Common;
using IdReissue.Domain.Regions;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Regions;
using IdReissue.Portrait;
using IdReissue.Web.Auth;
using IdReissue.Web.Photos;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Web.Review;

/// <summary>The workbench's queues, always within the officer's region.</summary>
public sealed class OfficerQueues(IdReissueDbContext db, RegionCatalog regions, PortraitEngine engine, TimeProvider time)
{
    public const int MaxRows = 500;

    public static readonly IReadOnlyDictionary<string, string> Views = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["review"] = "待审核",
        ["suspected"] = "疑似冒用（持有人称“不是我本人”）",
        ["borderline"] = "照片临界（需人工细看）",
        ["overdue"] = "超期预警（超过10个工作日）",
        ["approved"] = "审核通过、待制证",
        ["production"] = "制证中、待寄出",
        ["dispatched"] = "已寄出",
    };

    /// <summary>The states <see cref="ApplicationStateText.IsFinal"/> names, for queries the database can run.</summary>
    private static readonly ApplicationState[] Final = [.. Enum.GetValues<ApplicationState>().Where(s => s.IsFinal())];

    /// <summary>The same rule as <see cref="ReissueApplication.IsOverdue"/>, as a query.</summary>
    public static IQueryable<ReissueApplication> Overdue(IQueryable<ReissueApplication> query, DateOnly today) =>
        query.Where(a => a.DueDate != null && a.DueDate < today && !Final.Contains(a.State));

    public async Task<IReadOnlyList<QueueItem>> ListAsync(ClaimsPrincipal officer, string view, string? region, ReissueCase? reissueCase, CancellationToken cancellationToken)
    {
        var today = ChinaTime.DateOf(time.GetUtcNow());
        var query = InScope(officer, region);
        if (reissueCase is { } wanted)
        {
            query = query.Where(a => a.Case == wanted);
        }

        // A held application waits in the suspected queue only: nothing in the others can be done with it.
        var held = view == "suspected";
        query = held ? query : query.Where(a => a.HolderDeniedAt == null || a.HolderDenialClearedAt != null);
        query = view switch
        {
            "overdue" => Overdue(query, today),
            "suspected" => query.Where(a => a.HolderDeniedAt != null && a.HolderDenialClearedAt == null),
            "approved" => query.Where(a => a.State == ApplicationState.Approved),
            "production" => query.Where(a => a.State == ApplicationState.InProduction),
            "dispatched" => query.Where(a => a.State == ApplicationState.Dispatched),
            _ => query.Where(a => a.State == ApplicationState.UnderReview),
        };
        var applications = await query.OrderBy(a => a.DueDate).Take(MaxRows).ToListAsync(cancellationToken);
        if (view == "borderline")
        {
            applications = await BorderlineAsync(applications, cancellationToken);
        }

        return [.. applications.Select(a => QueueItem.From(a, today))];
    }

    public IQueryable<ReissueApplication> InScope(ClaimsPrincipal officer, string? region)
    {
        var scope = officer.OfficerRegion();
        var query = db.Applications.AsNoTracking();
        if (scope != "*")
        {
            return query.Where(a => a.RegionId == scope);
        }

        return string.IsNullOrEmpty(region) ? query : query.Where(a => a.RegionId == region);
    }

    private async Task<List<ReissueApplication>> BorderlineAsync(List<ReissueApplication> underReview, CancellationToken cancellationToken)
    {
        var ids = underReview.Where(a => a.PhotoId != null).Select(a => a.PhotoId!.Value).ToList();
        var measuresByFile = await db.PhotoSubmissions.AsNoTracking().Where(s => ids.Contains(s.FileId))
            .ToDictionaryAsync(s => s.FileId, s => s.MeasuresJson, cancellationToken);
        return [.. underReview.Where(a => a.PhotoId is { } photo && measuresByFile.TryGetValue(photo, out var json)
            && engine.Specifications.Find(regions.Get(a.RegionId).Photo.Specification) is { } spec
            && PhotoMargins.IsBorderline(JsonSerializer.Deserialize<Dictionary<string, double>>(json) ?? [], spec))];
    }
}
