using IdReissue.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace IdReissue.Infrastructure.Persistence;

/// <summary>How values are stored, the same for the service's context and the sandbox's.</summary>
public static class StorageConventions
{
    public static void Apply(ModelConfigurationBuilder configurationBuilder, DatabaseFacade database)
    {
        // SQLite has no date-time-offset type: instants are stored there as UTC ticks, so that
        // comparisons and ordering run in SQL and mean the same as on PostgreSQL's timestamptz.
        if (database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }

        configurationBuilder.Properties<Money>().HaveConversion<MoneyConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        ticks => new DateTimeOffset(ticks, TimeSpan.Zero));

    private sealed class MoneyConverter() : ValueConverter<Money, long>(m => m.Fen, fen => new Money(fen));
}
