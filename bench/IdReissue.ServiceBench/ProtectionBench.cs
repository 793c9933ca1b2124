using System.Diagnostics;
using System.Security.Cryptography;
using IdReissue.Infrastructure.Security.Protection;

namespace IdReissue.ServiceBench;

/// <summary>
/// `protect`: what personal-data encryption costs per value, for each cipher: seal + open of an 18-character
/// ID number and of a 30 KB photo, and one blind index. A progress query opens about six values.
/// </summary>
public static class ProtectionBench
{
    public static Task<int> RunAsync(string[] args)
    {
        var iterations = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 200_000;
        Console.WriteLine($"{Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}, {iterations} values per row");
        foreach (var algorithm in new[] { CipherAlgorithm.Sm4Gcm, CipherAlgorithm.Aes256Gcm })
        {
            var protector = NewProtector(algorithm);
            var row = Guid.NewGuid().ToString();
            Measure($"{algorithm} protect+unprotect ID number", iterations, () => protector.Unprotect(protector.Protect("430102199003071234", "Applications.CitizenId", row), "Applications.CitizenId"));
            var photo = RandomNumberGenerator.GetBytes(30 * 1024);
            Measure($"{algorithm} protect+unprotect 30 KB photo", iterations / 100, () => protector.UnprotectBytes(protector.ProtectBytes(photo, "Files.Content", row), "Files.Content"));
            if (algorithm == CipherAlgorithm.Sm4Gcm)
            {
                Measure("HMAC-SM3 blind index", iterations, () => protector.BlindIndex("citizen-id", "430102199003071234"));
            }
        }

        return Task.FromResult(0);
    }

    private static void Measure(string name, int count, Action action)
    {
        for (var i = 0; i < Math.Min(count, 1000); i++)
        {
            action();
        }

        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            action();
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        Console.WriteLine($"{name,-45} {elapsed.TotalMicroseconds / count,8:0.00} µs/op  {count / elapsed.TotalSeconds,12:N0} ops/s");
    }

    private static PersonalDataProtector NewProtector(CipherAlgorithm algorithm)
    {
        var store = new ConfiguredMasterKeys(new Dictionary<string, byte[]> { ["bench"] = RandomNumberGenerator.GetBytes(32) }, "bench", algorithm);
        DataKeyRecord Key(Guid id, string purpose, int bytes) => new()
        {
            Id = id,
            Purpose = purpose,
            Algorithm = algorithm == CipherAlgorithm.Sm4Gcm ? "SM4-GCM" : "AES-256-GCM",
            MasterKeyId = "bench",
            WrappedKey = store.Wrap(RandomNumberGenerator.GetBytes(bytes), id.ToString()),
            CreatedAt = DateTimeOffset.UtcNow,
        };

        List<DataKeyRecord> records = [Key(DataKeyRecord.IndexKeyId, DataKeyRecord.IndexPurpose, 32), Key(Guid.NewGuid(), DataKeyRecord.DataPurpose, algorithm.KeyBytes())];
        var protector = new PersonalDataProtector(store, TimeProvider.System);
        protector.Use(records, () => records);
        return protector;
    }
}
