using System.Security.Cryptography;
using System.Text;
using IdReissue.Infrastructure.Security.Protection;

namespace IdReissue.Infrastructure.Tests.Security;

public class ProtectionTests
{
    [Fact]
    public void Sm3_matches_the_standards_test_vector()
    {
        // GB/T 32905-2016, example 1: "abc".
        Assert.Equal("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0", Sm3.HashHex("abc"));
    }

    [Theory]
    [InlineData(CipherAlgorithm.Sm4Gcm)]
    [InlineData(CipherAlgorithm.Aes256Gcm)]
    public void A_sealed_value_opens_only_unaltered_and_with_its_own_associated_data(CipherAlgorithm algorithm)
    {
        var key = RandomNumberGenerator.GetBytes(algorithm.KeyBytes());
        var plaintext = Encoding.UTF8.GetBytes("430102199003071234 张三");
        var sealedValue = AuthenticatedCipher.Seal(algorithm, key, plaintext, "Applications.CitizenId"u8);

        Assert.Equal(plaintext, AuthenticatedCipher.Open(algorithm, key, sealedValue, "Applications.CitizenId"u8));
        Assert.NotEqual(sealedValue, AuthenticatedCipher.Seal(algorithm, key, plaintext, "Applications.CitizenId"u8));
        Assert.ThrowsAny<CryptographicException>(() => AuthenticatedCipher.Open(algorithm, key, sealedValue, "Applications.Name"u8));
        sealedValue[^20] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => AuthenticatedCipher.Open(algorithm, key, sealedValue, "Applications.CitizenId"u8));
    }

    [Fact]
    public void Protected_values_round_trip_are_bound_to_their_column_and_row_and_plaintext_is_refused()
    {
        var (protector, _) = Protector(CipherAlgorithm.Sm4Gcm);
        var row = Guid.NewGuid().ToString();
        var stored = protector.Protect("13812345678", "ApplicantAccounts.Phone", row);

        Assert.StartsWith("e2.", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", stored, StringComparison.Ordinal);
        var opened = protector.Unprotect(stored, "ApplicantAccounts.Phone");
        Assert.Equal("13812345678", opened);
        Assert.Equal(row, protector.RowOpenedFor(opened));
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(stored, "SmsCodes.Phone"));
        Assert.Throws<UnsealedPersonalDataException>(() => protector.Unprotect("written past the service", "Applications.Name"));

        // Column-bound values (written before row binding) still open; `security reseal` upgrades them.
        Assert.Equal("张三", protector.Unprotect(protector.Protect("张三", "Applications.Name"), "Applications.Name"));

        var photo = RandomNumberGenerator.GetBytes(5000);
        Assert.Equal(photo, protector.UnprotectBytes(protector.ProtectBytes(photo, "Files.Content", row), "Files.Content"));
        Assert.Throws<UnsealedPersonalDataException>(() => protector.UnprotectBytes(photo, "Files.Content"));
    }

    [Fact]
    public void Blind_indexes_are_equal_for_equal_values_and_say_nothing_else()
    {
        var (protector, _) = Protector(CipherAlgorithm.Aes256Gcm);
        var index = protector.BlindIndex("phone", "13812345678");

        Assert.Equal(index, protector.BlindIndex("phone", "13812345678"));
        Assert.NotEqual(index, protector.BlindIndex("phone", "13812345679"));
        Assert.NotEqual(index, protector.BlindIndex("citizen-id", "13812345678"));
        Assert.Matches("^[0-9a-f]{64}$", index);
        var (otherInstallation, _) = Protector(CipherAlgorithm.Aes256Gcm);
        Assert.NotEqual(index, otherInstallation.BlindIndex("phone", "13812345678"));
    }

    [Fact]
    public async Task Rotating_the_master_key_rewraps_data_keys_and_old_values_still_open()
    {
        var file = ProtectedDatabase.NewFile();
        var oldMaster = RandomNumberGenerator.GetBytes(32);
        var newMaster = RandomNumberGenerator.GetBytes(32);
        var code = new IdReissue.Infrastructure.Persistence.Records.SmsCodeRecord
        {
            Id = Guid.NewGuid(), Phone = "13800000009", CodeHash = "hash", CreatedAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(5),
        };
        var before = await new ProtectedDatabase(file, new Dictionary<string, byte[]> { ["2025"] = oldMaster }, "2025", CipherAlgorithm.Sm4Gcm).StartAsync();
        await using (var db = before.CreateDbContext())
        {
            db.SmsCodes.Add(code);
            await db.SaveChangesAsync();
        }

        // Both keys configured, the new one active, then what `security rotate-master-key` runs: the key ring's re-wrap.
        var during = await new ProtectedDatabase(file, new Dictionary<string, byte[]> { ["2025"] = oldMaster, ["2026"] = newMaster }, "2026", CipherAlgorithm.Sm4Gcm).StartAsync();
        Assert.True(await during.Keys.RewrapAsync(CancellationToken.None) > 0);

        // The old key removed from configuration: everything still opens with the new one alone, and not with the old one alone.
        var after = await new ProtectedDatabase(file, new Dictionary<string, byte[]> { ["2026"] = newMaster }, "2026", CipherAlgorithm.Sm4Gcm).StartAsync();
        await using (var db = after.CreateDbContext())
        {
            Assert.Equal("13800000009", (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AsNoTracking(db.SmsCodes), c => c.Id == code.Id)).Phone);
        }

        await Assert.ThrowsAnyAsync<Exception>(() => new ProtectedDatabase(file, new Dictionary<string, byte[]> { ["2025"] = oldMaster }, "2025", CipherAlgorithm.Sm4Gcm).StartAsync());
    }

    [Fact]
    public void The_newest_data_key_seals_and_every_key_opens()
    {
        var store = new ConfiguredMasterKeys(new Dictionary<string, byte[]> { ["test"] = RandomNumberGenerator.GetBytes(32) }, "test", CipherAlgorithm.Sm4Gcm);
        var records = NewRecords(store, CipherAlgorithm.Sm4Gcm);
        var protector = new PersonalDataProtector(store, TimeProvider.System);
        protector.Use(records, () => records);
        var first = protector.Protect("甲", "c");

        // What `security new-data-key` adds (here an AES key: each key keeps its own algorithm).
        var newer = NewRecords(store, CipherAlgorithm.Aes256Gcm).Single(r => r.Purpose == DataKeyRecord.DataPurpose);
        newer.CreatedAt = DateTimeOffset.UtcNow.AddMinutes(1);
        var all = records.Append(newer).ToList();
        protector.Use(all, () => all);

        Assert.Equal(newer.Id, protector.ActiveDataKeyId);
        Assert.Equal("甲", protector.Unprotect(first, "c"));
        Assert.Equal("乙", protector.Unprotect(protector.Protect("乙", "c"), "c"));
    }

    private static (PersonalDataProtector Protector, ConfiguredMasterKeys Store) Protector(CipherAlgorithm algorithm)
    {
        var store = new ConfiguredMasterKeys(new Dictionary<string, byte[]> { ["test"] = RandomNumberGenerator.GetBytes(32) }, "test", algorithm);
        var records = NewRecords(store, algorithm);
        var protector = new PersonalDataProtector(store, TimeProvider.System);
        protector.Use(records, () => records);
        return (protector, store);
    }

    private static List<DataKeyRecord> NewRecords(ConfiguredMasterKeys store, CipherAlgorithm algorithm)
    {
        DataKeyRecord Make(Guid id, string purpose, int bytes) => new()
        {
            Id = id,
            Purpose = purpose,
            Algorithm = algorithm == CipherAlgorithm.Sm4Gcm ? "SM4-GCM" : "AES-256-GCM",
            MasterKeyId = store.ActiveKeyId,
            WrappedKey = store.Wrap(RandomNumberGenerator.GetBytes(bytes), id.ToString()),
            CreatedAt = DateTimeOffset.UtcNow,
        };

        return [Make(DataKeyRecord.IndexKeyId, DataKeyRecord.IndexPurpose, 32), Make(Guid.NewGuid(), DataKeyRecord.DataPurpose, algorithm.KeyBytes())];
    }
}
