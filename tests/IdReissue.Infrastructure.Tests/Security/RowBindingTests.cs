using IdReissue.Application.Ports;
using System.Security.Cryptography;
using IdReissue.Infrastructure.Persistence.Records;
using IdReissue.Infrastructure.Security.Protection;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Infrastructure.Tests.Security;

/// <summary>Someone with write access to the database moves or plants personal values; the service refuses to read them.</summary>
public class RowBindingTests
{
    [Fact]
    public async Task A_ciphertext_copied_into_another_row_of_the_same_column_does_not_open()
    {
        var database = await new ProtectedDatabase(ProtectedDatabase.NewFile(), RandomNumberGenerator.GetBytes(32), CipherAlgorithm.Sm4Gcm).StartAsync();
        var victim = NewCode("13800000001");
        var other = NewCode("13900000002");
        var victimFile = NewFile(RandomNumberGenerator.GetBytes(2000));
        var otherFile = NewFile(RandomNumberGenerator.GetBytes(2000));
        await using (var db = database.CreateDbContext())
        {
            db.SmsCodes.AddRange(victim, other);
            db.Files.AddRange(victimFile, otherFile);
            await db.SaveChangesAsync();
        }

        await database.WriteStoredAsync("SmsCodes", "Phone", other.Id, await database.StoredTextAsync("SmsCodes", "Phone", victim.Id));
        await database.WriteStoredAsync("Files", "Content", otherFile.Id, await database.StoredBytesAsync("Files", "Content", victimFile.Id));

        await using (var db = database.CreateDbContext())
        {
            var refused = RefusalIn(await Record.ExceptionAsync(() => db.SmsCodes.AsNoTracking().SingleAsync(c => c.Id == other.Id)));
            Assert.Equal("SmsCodes.Phone", refused.Column);
            Assert.Contains(victim.Id.ToString(), refused.Message, StringComparison.Ordinal);
            Assert.Equal("Files.Content", RefusalIn(await Record.ExceptionAsync(() => db.Files.SingleAsync(f => f.Id == otherFile.Id))).Column);

            // The row it was sealed for still reads.
            Assert.Equal("13800000001", (await db.SmsCodes.AsNoTracking().SingleAsync(c => c.Id == victim.Id)).Phone);
            Assert.Equal(victimFile.Content, (await db.Files.AsNoTracking().SingleAsync(f => f.Id == victimFile.Id)).Content);
        }
    }

    [Fact]
    public async Task A_plaintext_written_directly_into_a_protected_column_is_refused_on_read()
    {
        var database = await new ProtectedDatabase(ProtectedDatabase.NewFile(), RandomNumberGenerator.GetBytes(32), CipherAlgorithm.Sm4Gcm).StartAsync();
        var code = NewCode("13800000001");
        await using (var db = database.CreateDbContext())
        {
            db.SmsCodes.Add(code);
            await db.SaveChangesAsync();
        }

        await database.WriteStoredAsync("SmsCodes", "Phone", code.Id, "13700000000");

        await using (var db = database.CreateDbContext())
        {
            var refused = RefusalIn(await Record.ExceptionAsync(() => db.SmsCodes.AsNoTracking().SingleAsync(c => c.Id == code.Id)));
            Assert.Equal("SmsCodes.Phone", refused.Column);
            Assert.Contains("not sealed", refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Column_bound_values_from_before_row_binding_still_read_and_reseal_binds_them_to_their_row()
    {
        var file = ProtectedDatabase.NewFile();
        var master = RandomNumberGenerator.GetBytes(32);
        var database = await new ProtectedDatabase(file, master, CipherAlgorithm.Sm4Gcm).StartAsync();
        var code = NewCode("13800000001");
        await using (var db = database.CreateDbContext())
        {
            db.SmsCodes.Add(code);
            await db.SaveChangesAsync();
        }

        // How the column was stored until now: `e1.`, the column alone as associated data.
        await database.WriteStoredAsync("SmsCodes", "Phone", code.Id, database.Protector.Protect("13800000001", "SmsCodes.Phone"));
        await using (var db = database.CreateDbContext())
        {
            Assert.Equal("13800000001", (await db.SmsCodes.AsNoTracking().SingleAsync(c => c.Id == code.Id)).Phone);
        }

        var report = await new PersonalDataResealer(database).ResealAsync(CancellationToken.None);
        Assert.Equal(0, report.Skipped);
        Assert.StartsWith("e2.", await database.StoredTextAsync("SmsCodes", "Phone", code.Id), StringComparison.Ordinal);
        await using (var db = database.CreateDbContext())
        {
            Assert.Equal("13800000001", (await db.SmsCodes.AsNoTracking().SingleAsync(c => c.Id == code.Id)).Phone);
        }
    }

    [Fact]
    public async Task Plaintext_rows_from_before_encryption_are_sealed_only_by_a_reseal_run_that_reads_unsealed_values()
    {
        var file = ProtectedDatabase.NewFile();
        var master = RandomNumberGenerator.GetBytes(32);
        var database = await new ProtectedDatabase(file, master, CipherAlgorithm.Sm4Gcm).StartAsync();
        var code = NewCode("13800000001");
        await using (var db = database.CreateDbContext())
        {
            db.SmsCodes.Add(code);
            await db.SaveChangesAsync();
        }

        await database.WriteStoredAsync("SmsCodes", "Phone", code.Id, "13800000001");
        await Assert.ThrowsAnyAsync<Exception>(() => new PersonalDataResealer(database).ResealAsync(CancellationToken.None));

        // `Security__ReadUnsealedValues=true dotnet IdReissue.Web.dll security reseal`, once.
        var migration = await new ProtectedDatabase(file, master, CipherAlgorithm.Sm4Gcm, readUnsealedValues: true).StartAsync();
        await new PersonalDataResealer(migration).ResealAsync(CancellationToken.None);
        Assert.StartsWith("e2.", await database.StoredTextAsync("SmsCodes", "Phone", code.Id), StringComparison.Ordinal);
        await using (var db = database.CreateDbContext())
        {
            Assert.Equal("13800000001", (await db.SmsCodes.AsNoTracking().SingleAsync(c => c.Id == code.Id)).Phone);
        }
    }

    [Fact]
    public async Task Saving_seals_values_for_the_database_but_the_tracked_entity_keeps_its_plaintext()
    {
        var database = await new ProtectedDatabase(ProtectedDatabase.NewFile(), RandomNumberGenerator.GetBytes(32), CipherAlgorithm.Aes256Gcm).StartAsync();
        await using var db = database.CreateDbContext();
        var code = NewCode("13800000001");
        db.SmsCodes.Add(code);
        await db.SaveChangesAsync();

        Assert.Equal("13800000001", code.Phone);
        Assert.Equal(EntityState.Unchanged, db.Entry(code).State);
        code.FailedAttempts++;
        await db.SaveChangesAsync();
        Assert.Equal("13800000001", code.Phone);
        Assert.StartsWith("e2.", await database.StoredTextAsync("SmsCodes", "Phone", code.Id), StringComparison.Ordinal);
    }

    /// <summary>EF may wrap what a converter or interceptor throws; the refusal is somewhere in the chain.</summary>
    private static UnsealedPersonalDataException RefusalIn(Exception? thrown)
    {
        for (var current = thrown; current is not null; current = current.InnerException)
        {
            if (current is UnsealedPersonalDataException refused)
            {
                return refused;
            }
        }

        throw new Xunit.Sdk.XunitException($"Expected the value to be refused, got {thrown?.GetType().Name ?? "no exception"}: {thrown?.Message}");
    }

    private static SmsCodeRecord NewCode(string phone) => new()
    {
        Id = Guid.NewGuid(),
        Phone = phone,
        CodeHash = "hash",
        CreatedAt = DateTimeOffset.UtcNow,
        ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(5),
    };

    private static StoredFile NewFile(byte[] content) => new()
    {
        Id = Guid.NewGuid(),
        Kind = StoredFileKind.Photo,
        ContentType = "image/jpeg",
        Content = content,
        Sha256 = "sha",
        CreatedAt = DateTimeOffset.UtcNow,
    };
}
