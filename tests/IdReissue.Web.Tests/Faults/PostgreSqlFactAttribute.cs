namespace IdReissue.Web.Tests.Faults;

/// <summary>
/// A test of the PostgreSQL server's own faults (its connections cut, writes refused). On the SQLite run it is
/// reported as skipped, with the reason, rather than passing without having run; ./test.sh runs it on PostgreSQL.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute()
    {
        if (ServiceFixture.Provider != "PostgreSql")
        {
            Skip = "a PostgreSQL server's fault: runs in ./test.sh's PostgreSQL pass (IDREISSUE_TEST_POSTGRES)";
        }
    }
}
