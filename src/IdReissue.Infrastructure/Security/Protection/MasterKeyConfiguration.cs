using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace IdReissue.Infrastructure.Security.Protection;

/// <summary>
/// Reads the master keys from configuration. Without any, a sandbox installation keeps a generated key
/// in a file beside its SQLite database (`master.key`, outside the repository, mode 600) so `./run.sh`
/// works out of the box; anything else refuses to start rather than run with personal data unprotected.
/// </summary>
public static class MasterKeyConfiguration
{
    public const string Section = "Security";

    public static IMasterKeyStore Load(IConfiguration configuration, CipherAlgorithm algorithm)
    {
        var section = configuration.GetSection(Section);
        var configured = section.GetSection("MasterKeys").GetChildren()
            .Where(k => !string.IsNullOrWhiteSpace(k.Value))
            .ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value!), StringComparer.Ordinal);
        if (configured.Count > 0)
        {
            var active = section["ActiveMasterKey"] ?? (configured.Count == 1 ? configured.Keys.Single() : null)
                ?? throw new InvalidOperationException("Several Security:MasterKeys are configured; name the active one in Security:ActiveMasterKey.");
            return new ConfiguredMasterKeys(configured, active, algorithm);
        }

        var sandbox = configuration.GetValue("Sandbox:Enabled", true);
        if (!sandbox)
        {
            throw new InvalidOperationException(
                "No master key: set Security:MasterKeys:{id} (base64 of 32 random bytes) and Security:ActiveMasterKey, e.g. from the environment. See docs/security.md.");
        }

        var file = section["MasterKeyFile"] ?? BesideDatabase(configuration, "master.key");
        return new ConfiguredMasterKeys(new Dictionary<string, byte[]> { ["local"] = LoadOrCreate(file) }, "local", algorithm);
    }

    /// <summary>A sandbox's file beside its SQLite database (or beside the program on PostgreSQL).</summary>
    internal static string BesideDatabase(IConfiguration configuration, string fileName)
    {
        var connection = configuration.GetConnectionString("IdReissue");
        if (!string.Equals(configuration["Database:Provider"], "PostgreSql", StringComparison.OrdinalIgnoreCase) && connection is not null)
        {
            var dataSource = new SqliteConnectionStringBuilder(connection).DataSource;
            var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
            if (!string.IsNullOrEmpty(directory))
            {
                return Path.Combine(directory, fileName);
            }
        }

        return Path.Combine(AppContext.BaseDirectory, fileName);
    }

    /// <summary>Two nodes starting together on one folder agree: the first creates the file, the other reads it.</summary>
    internal static byte[] LoadOrCreate(string file)
    {
        if (File.Exists(file))
        {
            return Convert.FromBase64String(File.ReadAllText(file).Trim());
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        var key = RandomNumberGenerator.GetBytes(32);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var stream = new FileStream(file, options);
            using var writer = new StreamWriter(stream);
            writer.Write(Convert.ToBase64String(key));
            return key;
        }
        catch (IOException) when (File.Exists(file))
        {
            Thread.Sleep(100);
            return Convert.FromBase64String(File.ReadAllText(file).Trim());
        }
    }
}
