using IdReissue.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdReissue.Infrastructure.Persistence.Configuration;

/// <summary>Payment orders, keyed by our order number (the gateways' out_trade_no).</summary>
internal sealed class PaymentOrderConfiguration : IEntityTypeConfiguration<PaymentOrder>
{
    public void Configure(EntityTypeBuilder<PaymentOrder> builder)
    {
        builder.HasKey(o => o.OrderNumber);
        // At most one pending order per application, even when two tabs start paying at once: the
        // database refuses the second, so the applicant cannot pay twice.
        builder.HasIndex(o => o.ApplicationId, "IX_PaymentOrders_ApplicationId_Pending").IsUnique().HasFilter("\"State\" = 'Pending'");
        builder.HasIndex(o => o.ApplicationId);
        builder.HasIndex(o => new { o.State, o.CreatedAt });
        builder.Property(o => o.Version).IsConcurrencyToken();
    }
}
