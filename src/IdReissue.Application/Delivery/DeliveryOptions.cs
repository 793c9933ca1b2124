using System.ComponentModel.DataAnnotations;

namespace IdReissue.Application.Delivery;

/// <summary>Configuration section "Delivery": how often and how long a dispatched card is tracked at the courier.</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Delivery:TrackEvery must be between {1} and {2}.")]
    public TimeSpan TrackEvery { get; set; } = TimeSpan.FromHours(1);

    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00", ErrorMessage = "Delivery:TrackFor must be between {1} and {2}.")]
    public TimeSpan TrackFor { get; set; } = TimeSpan.FromDays(30);
}
