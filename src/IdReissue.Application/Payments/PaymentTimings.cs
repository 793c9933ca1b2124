using System.ComponentModel.DataAnnotations;

namespace IdReissue.Application.Payments;

/// <summary>Configuration section "Payments": how long an order stays payable, and when to ask a silent gateway.</summary>
public sealed class PaymentTimings
{
    public const string Section = "Payments";

    /// <summary>How long to wait for a notification before asking the gateway.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Payments:ReconcileAfter must be between {1} and {2}.")]
    public TimeSpan ReconcileAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>WeChat Pay and Alipay close unpaid orders after at most two hours; the applicant is told half an hour.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "02:00:00", ErrorMessage = "Payments:OrderLifetime must be between {1} and {2}.")]
    public TimeSpan OrderLifetime { get; set; } = TimeSpan.FromMinutes(30);
}
