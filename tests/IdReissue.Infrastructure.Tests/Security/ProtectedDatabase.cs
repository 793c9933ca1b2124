using System.Security.Cryptography;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Security;
using IdReissue.Infrastructure.Security.Protection;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Infrastructure.Tests.Security;

/// <summary>
/// One start of the service's persistence against a SQLite file, or, when IDREISSUE_TEST_POSTGRES holds a
/// PostgreSQL connection string (./test.sh's PostgreSQL step), against a database of its own named after that
/// file: the configured master key and cipher, the key ring loaded from the database, and contexts that seal
/// personal data as the service's do. Starting a second one on the same file is what a restart with changed
/// configuration looks like.
/// </summary>
internal sealed class ProtectedDatabase : IDbContextFactory<IdReissueDbContext>
{
    private readonly string _connectionString;

    public ProtectedDatabase(string file, byte[] masterKey, CipherAlgorithm algorithm, bool readUnsealedValues = false)
        : this(file, new Dictionary<string, byte[]> { ["test"] = masterKey }, "test", algorithm, readUnsealedValues)
    {
    }

    /// <summary>A start with several master keys configured (a rotation in progress) and one of them active.</summary>
    public ProtectedDatabase(string file, Dictionary<string, byte[]> masterKeys, string activeKey, CipherAlgorithm algorithm, bool readUnsealedValues = false)
    {
        _connectionString = Provider == DatabaseProvider.Sqlite
            ? $"Data Source={file};Pooling=False"
            : new Npgsql.NpgsqlConnectionStringBuilder(PostgresServer)
            {
                // The same file names the same database, so a second start finds what the first one wrote.
                Database = "idreissue_protection_" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(file)))[..24],
            }.ConnectionString;
        MasterKeys = new ConfiguredMasterKeys(masterKeys, activeKey, algorithm);
        Protector = new PersonalDataProtector(MasterKeys, TimeProvider.System) { ReadUnsealedValues = readUnsealedValues };
        AuditKey = new AuditChainKey(RandomNumberGenerator.GetBytes(32));
        Keys = new KeyRingStore(this, Protector, MasterKeys, new SecurityOptions(algorithm), TimeProvider.System);
    }

    /// <summary>SQLite unless IDREISSUE_TEST_POSTGRES names a PostgreSQL server.</summary>
    public static DatabaseProvider Provider => string.IsNullOrEmpty(PostgresServer) ? DatabaseProvider.Sqlite : DatabaseProvider.PostgreSql;

    private static string? PostgresServer => Environment.GetEnvironmentVariable("IDREISSUE_TEST_POSTGRES");

    public ConfiguredMasterKeys MasterKeys { get; }

    public PersonalDataProtector Protector { get; }

    public KeyRingStore Keys { get; }

    public AuditChainKey AuditKey { get; }

    public static string NewFile() => Path.Combine(Directory.CreateTempSubdirectory("idreissue-protection-").FullName, "idreissue.db");

    public async Task<ProtectedDatabase> StartAsync()
    {
        await using (var db = CreateDbContext())
        {
            await db.Database.EnsureCreatedAsync();
        }

        await Keys.InitializeAsync(CancellationToken.None);
        return this;
    }

    public IdReissueDbContext CreateDbContext()
    {
        var options = new DbContextOptionsBuilder<IdReissueDbContext>();
        options.UseIdReissueDatabase(Provider, _connectionString).UsePersonalDataProtection(Protector, AuditKey);
        return new IdReissueDbContext(options.Options);
    }

    /// <summary>A column's stored text, as someone reading the file sees it.</summary>
    public async Task<string> StoredTextAsync(string table, string column, Guid id)
    {
        await using var db = CreateDbContext();
        // Table and column names come from the test itself, never from input.
        var sql = "SELECT \"" + column + "\" AS \"Value\" FROM \"" + table + "\" WHERE \"Id\" = {0}";
        return await db.Database.SqlQueryRaw<string>(sql, Key(id)).SingleAsync();
    }

    /// <summary>Writes a column's stored text directly, as someone with access to the database can.</summary>
    public async Task WriteStoredAsync(string table, string column, Guid id, object value)
    {
        await using var db = CreateDbContext();
        // Table and column names come from the test itself, never from input.
        var sql = "UPDATE \"" + table + "\" SET \"" + column + "\" = {0} WHERE \"Id\" = {1}";
        Assert.Equal(1, await db.Database.ExecuteSqlRawAsync(sql, value, Key(id)));
    }

    /// <summary>A column's stored bytes.</summary>
    public async Task<byte[]> StoredBytesAsync(string table, string column, Guid id)
    {
        await using var db = CreateDbContext();
        var sql = "SELECT \"" + column + "\" AS \"Value\" FROM \"" + table + "\" WHERE \"Id\" = {0}";
        return await db.Database.SqlQueryRaw<byte[]>(sql, Key(id)).SingleAsync();
    }

    /// <summary>A row's id as the raw SQL compares it: upper-case text on SQLite, a uuid on PostgreSQL.</summary>
    private static object Key(Guid id) => Provider == DatabaseProvider.Sqlite ? id.ToString().ToUpperInvariant() : id;

    /// <summary>The algorithm of the data key a stored value names.</summary>
    public async Task<string> SealingAlgorithmAsync(string storedText)
    {
        var keyId = new Guid(Convert.FromBase64String(storedText[3..]).AsSpan(0, 16));
        await using var db = CreateDbContext();
        return (await db.DataKeys.AsNoTracking().SingleAsync(k => k.Id == keyId)).Algorithm;
    }
}
