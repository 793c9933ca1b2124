using System.Security.Cryptography;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Security;
using IdReissue.Infrastructure.Security.Protection;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Infrastructure.Tests.Security;

/// <summary>
/// One start of the service's persistence against a SQLite file: the configured master key and cipher,
/// the key ring loaded from the database, and contexts that seal personal data as the service's do.
/// Starting a second one on the same file is what a restart with changed configuration looks like.
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
        _connectionString = $"Data Source={file};Pooling=False";
        MasterKeys = new ConfiguredMasterKeys(masterKeys, activeKey, algorithm);
        Protector = new PersonalDataProtector(MasterKeys, TimeProvider.System) { ReadUnsealedValues = readUnsealedValues };
        AuditKey = new AuditChainKey(RandomNumberGenerator.GetBytes(32));
        Keys = new KeyRingStore(this, Protector, MasterKeys, new SecurityOptions(algorithm), TimeProvider.System);
    }

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
        options.UseIdReissueDatabase(DatabaseProvider.Sqlite, _connectionString).UsePersonalDataProtection(Protector, AuditKey);
        return new IdReissueDbContext(options.Options);
    }

    /// <summary>A column's stored text, as someone reading the file sees it.</summary>
    public async Task<string> StoredTextAsync(string table, string column, Guid id)
    {
        await using var db = CreateDbContext();
        // Table and column names come from the test itself, never from input.
        var sql = "SELECT \"" + column + "\" AS \"Value\" FROM \"" + table + "\" WHERE \"Id\" = {0}";
        return await db.Database.SqlQueryRaw<string>(sql, id.ToString().ToUpperInvariant()).SingleAsync();
    }

    /// <summary>Writes a column's stored text directly, as someone with access to the database can.</summary>
    public async Task WriteStoredAsync(string table, string column, Guid id, object value)
    {
        await using var db = CreateDbContext();
        // Table and column names come from the test itself, never from input.
        var sql = "UPDATE \"" + table + "\" SET \"" + column + "\" = {0} WHERE \"Id\" = {1}";
        Assert.Equal(1, await db.Database.ExecuteSqlRawAsync(sql, value, id.ToString().ToUpperInvariant()));
    }

    /// <summary>A column's stored bytes.</summary>
    public async Task<byte[]> StoredBytesAsync(string table, string column, Guid id)
    {
        await using var db = CreateDbContext();
        var sql = "SELECT \"" + column + "\" AS \"Value\" FROM \"" + table + "\" WHERE \"Id\" = {0}";
        return await db.Database.SqlQueryRaw<byte[]>(sql, id.ToString().ToUpperInvariant()).SingleAsync();
    }

    /// <summary>The algorithm of the data key a stored value names.</summary>
    public async Task<string> SealingAlgorithmAsync(string storedText)
    {
        var keyId = new Guid(Convert.FromBase64String(storedText[3..]).AsSpan(0, 16));
        await using var db = CreateDbContext();
        return (await db.DataKeys.AsNoTracking().SingleAsync(k => k.Id == keyId)).Algorithm;
    }
}
