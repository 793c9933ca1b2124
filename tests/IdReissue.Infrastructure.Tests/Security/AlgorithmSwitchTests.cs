using IdReissue.Application.Ports;
using System.Security.Cryptography;
using IdReissue.Infrastructure.Persistence.Records;
using IdReissue.Infrastructure.Security.Protection;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Infrastructure.Tests.Security;

public class AlgorithmSwitchTests
{
    [Fact]
    public async Task After_switching_from_SM4_to_AES_old_values_still_read_and_new_values_use_AES()
    {
        var file = ProtectedDatabase.NewFile();
        var master = RandomNumberGenerator.GetBytes(32);
        var photo = RandomNumberGenerator.GetBytes(3000);

        var underSm4 = await new ProtectedDatabase(file, master, CipherAlgorithm.Sm4Gcm).StartAsync();
        var oldCode = NewCode("13800000001");
        var oldFile = NewFile(photo);
        await using (var db = underSm4.CreateDbContext())
        {
            db.SmsCodes.Add(oldCode);
            db.Files.Add(oldFile);
            await db.SaveChangesAsync();
        }

        // The same database, started again with Security:Algorithm = AES-256-GCM.
        var underAes = await new ProtectedDatabase(file, master, CipherAlgorithm.Aes256Gcm).StartAsync();
        var newCode = NewCode("13800000002");
        await using (var db = underAes.CreateDbContext())
        {
            Assert.Equal("13800000001", (await db.SmsCodes.AsNoTracking().SingleAsync(c => c.Id == oldCode.Id)).Phone);
            Assert.Equal(photo, (await db.Files.AsNoTracking().SingleAsync(f => f.Id == oldFile.Id)).Content);
            db.SmsCodes.Add(newCode);
            await db.SaveChangesAsync();
        }

        Assert.Equal("SM4-GCM", await underAes.SealingAlgorithmAsync(await underAes.StoredTextAsync("SmsCodes", "Phone", oldCode.Id)));
        Assert.Equal("AES-256-GCM", await underAes.SealingAlgorithmAsync(await underAes.StoredTextAsync("SmsCodes", "Phone", newCode.Id)));

        // Re-wrapping every data key (rotate-master-key) under the new cipher, and a further start, keep both readable.
        Assert.True(await underAes.Keys.RewrapAsync(CancellationToken.None) > 0);
        var again = await new ProtectedDatabase(file, master, CipherAlgorithm.Aes256Gcm).StartAsync();
        await using (var db = again.CreateDbContext())
        {
            Assert.Equal("13800000001", (await db.SmsCodes.AsNoTracking().SingleAsync(c => c.Id == oldCode.Id)).Phone);
            Assert.Equal("13800000002", (await db.SmsCodes.AsNoTracking().SingleAsync(c => c.Id == newCode.Id)).Phone);
        }
    }

    [Fact]
    public void A_wrapped_key_names_its_cipher_and_opens_under_either_configured_algorithm()
    {
        var master = RandomNumberGenerator.GetBytes(32);
        var sm4 = new ConfiguredMasterKeys(new Dictionary<string, byte[]> { ["m"] = master }, "m", CipherAlgorithm.Sm4Gcm);
        var aes = new ConfiguredMasterKeys(new Dictionary<string, byte[]> { ["m"] = master }, "m", CipherAlgorithm.Aes256Gcm);
        var dataKey = RandomNumberGenerator.GetBytes(16);

        var wrapped = sm4.Wrap(dataKey, "k1");
        Assert.Equal(CipherAlgorithm.Sm4Gcm, ConfiguredMasterKeys.WrappingAlgorithmOf(wrapped));
        Assert.Equal(dataKey, aes.Unwrap("m", wrapped, "k1"));
        Assert.True(aes.NeedsRewrap("m", wrapped));
        Assert.False(sm4.NeedsRewrap("m", wrapped));

        // Naming the other cipher in the header does not open it: the header is authenticated.
        wrapped[1] = (byte)(CipherAlgorithm.Aes256Gcm + 1);
        Assert.ThrowsAny<CryptographicException>(() => aes.Unwrap("m", wrapped, "k1"));
    }

    [Fact]
    public void A_key_wrapped_before_keys_named_their_cipher_still_opens_after_the_switch_and_is_due_for_rewrap()
    {
        var master = RandomNumberGenerator.GetBytes(32);
        var dataKey = RandomNumberGenerator.GetBytes(16);
        // How SM4 wrapping was stored until now: no header, the data key id alone as associated data.
        var legacy = AuthenticatedCipher.Seal(CipherAlgorithm.Sm4Gcm, Sm3.Hmac(master, "idreissue/master-wrap"u8).AsSpan(0, 16), dataKey, "k1"u8);
        var aes = new ConfiguredMasterKeys(new Dictionary<string, byte[]> { ["m"] = master }, "m", CipherAlgorithm.Aes256Gcm);

        Assert.Null(ConfiguredMasterKeys.WrappingAlgorithmOf(legacy));
        Assert.Equal(dataKey, aes.Unwrap("m", legacy, "k1"));
        Assert.True(aes.NeedsRewrap("m", legacy));
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
