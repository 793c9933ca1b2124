using IdReissue.Domain.Applications;
using IdReissue.Domain.Eligibility;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdReissue.Infrastructure.Persistence.Configuration;

/// <summary>An application with its owned values (loss report, address, postage, validity) in its own row, and its timeline in StateTransitions.</summary>
internal sealed class ReissueApplicationConfiguration : IEntityTypeConfiguration<ReissueApplication>
{
    public void Configure(EntityTypeBuilder<ReissueApplication> builder)
    {
        builder.HasKey(a => a.Id);
        builder.HasIndex(a => a.ApplicationNumber).IsUnique();
        builder.HasIndex(a => a.OpenForAccount).IsUnique();
        builder.HasIndex(a => a.PhotoNumber).IsUnique();
        builder.HasIndex(a => a.AccountId);
        builder.HasIndex(a => new { a.RegionId, a.State });
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Property(a => a.ApplicationNumber).HasMaxLength(32);
        builder.Property(a => a.RegionId).HasMaxLength(40);

        builder.Property<List<UnmetCondition>>("_unmetConditions")
            .HasColumnName("UnmetConditions")
            .HasConversion(new JsonValueConverter<List<UnmetCondition>>(), new JsonValueComparer<List<UnmetCondition>>());
        builder.Ignore(a => a.UnmetConditions);

        builder.OwnsOne(a => a.LossReport, o =>
        {
            o.Property(l => l.ReceiptNumber).HasColumnName("LossReceiptNumber");
            o.Property(l => l.Place).HasColumnName("LossPlace").HasMaxLength(LossReport.MaxPlaceLength);
            o.Property(l => l.LostAt).HasColumnName("LostAt");
            o.Property(l => l.ReportedAt).HasColumnName("LossReportedAt");
            o.Property(l => l.ReceiptWanted).HasColumnName("LossReceiptWanted");
        });
        builder.OwnsOne(a => a.Address, o =>
        {
            o.Property(m => m.Recipient).HasColumnName("AddressRecipient");
            o.Property(m => m.Phone).HasColumnName("AddressPhone");
            o.Property(m => m.DivisionCode).HasColumnName("AddressDivisionCode");
            o.Property(m => m.Detail).HasColumnName("AddressDetail");
        });
        builder.OwnsOne(a => a.Postage, o =>
        {
            o.Property(p => p.SameCity).HasColumnName("PostageSameCity");
            o.Property(p => p.Amount).HasColumnName("PostageFen");
            o.Property(p => p.PayOnDelivery).HasColumnName("PostagePayOnDelivery");
        });
        builder.OwnsOne(a => a.NewCardValidity, o =>
        {
            o.Property(v => v.IssuedOn).HasColumnName("CardIssuedOn");
            o.Property(v => v.Years).HasColumnName("CardValidityYears");
        });
        builder.Property(a => a.CardFee).HasColumnName("CardFeeFen");

        builder.HasMany(a => a.Transitions).WithOne().HasForeignKey(t => t.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(a => a.Transitions).HasField("_transitions").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
