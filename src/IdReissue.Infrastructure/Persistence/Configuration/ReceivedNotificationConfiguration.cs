using IdReissue.Infrastructure.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdReissue.Infrastructure.Persistence.Configuration;

/// <summary>How ReceivedNotification is stored: its key and the indexes its queries use.</summary>
internal sealed class ReceivedNotificationConfiguration : IEntityTypeConfiguration<ReceivedNotification>
{
    public void Configure(EntityTypeBuilder<ReceivedNotification> builder)
    {
        // A notification id is the gateway's own: two gateways may use the same one.
        builder.HasKey(n => new { n.Source, n.NotificationId });
    }
}
