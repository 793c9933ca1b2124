using System.Security.Claims;
using IdReissue.Application.Review;
using IdReissue.Domain.Regions;
using IdReissue.Web.Auth;

namespace IdReissue.Web.Review;

/// <summary>The workbench's queues as the page names them, always within the officer's region.</summary>
public sealed class OfficerQueues(ListQueueViewHandler list)
{
    public const int MaxRows = ListQueueViewHandler.Longest;

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

    public async Task<IReadOnlyList<QueueItem>> ListAsync(ClaimsPrincipal officer, string view, string? region, ReissueCase? reissueCase, CancellationToken cancellationToken)
    {
        var listed = (await list.HandleAsync(new ListQueueView(officer.AsOfficerScope(), ViewOf(view), region, reissueCase), cancellationToken)).ValueOrThrow();
        return [.. listed.Applications.Select(a => QueueItem.From(a, listed.Today))];
    }

    /// <summary>An unknown name reads as the review queue, as the page shows it.</summary>
    private static QueueView ViewOf(string view) => view switch
    {
        "suspected" => QueueView.Suspected,
        "borderline" => QueueView.Borderline,
        "overdue" => QueueView.Overdue,
        "approved" => QueueView.Approved,
        "production" => QueueView.Production,
        "dispatched" => QueueView.Dispatched,
        _ => QueueView.Review,
    };
}
