using System.Net;
using System.Security.Cryptography;
using System.Text;
using IdReissue.Application.Ports;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Persistence.Stores;
using IdReissue.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdReissue.Web.Tests;

[Collection(SharedService.Name)]
public class SecurityTests(ServiceFixture service)
{
    private Api Api => service.Api;

    [Fact]
    public async Task The_database_reveals_no_personal_data()
    {
        var journey = await Journey.Begin(Api, "hunan");
        await journey.ToAddressGiven("Loss");
        await journey.PayAtCashier(await journey.CreatePayment("WeChatPay", Guid.NewGuid().ToString()));
        var photoNumber = (await journey.WaitFor("PhotoPending")).GetProperty("photoNumber").GetString()!;
        await Api.Expect(await Api.Post($"/api/photos/{photoNumber}", null, Api.Upload("photo", Journey.GoodPhoto)), HttpStatusCode.OK);
        var reviewer = await Api.LoginOfficer("hunan-review");
        await Api.Expect(await Api.Post($"/api/officer/applications/{journey.ApplicationId}/reveal", reviewer), HttpStatusCode.OK);

        var stored = ServiceFixture.Provider == "Sqlite" ? ReadDatabaseFiles() : await DumpPostgreSqlAsync();
        Assert.True(stored.Length > Journey.GoodPhoto.Length, $"only {stored.Length} bytes read: the sealed photo alone is larger");
        foreach (var secret in new[] { journey.Field("citizenId"), journey.Field("phone"), journey.Field("householdNumber"), journey.Field("name"), "人民路88号2栋301室" })
        {
            Assert.False(Contains(stored, Encoding.UTF8.GetBytes(secret)), $"'{secret}' is in the database in the clear");
        }

        // The photo's bytes are not there either (a 64-byte run from the middle of the JPEG).
        Assert.False(Contains(stored, Journey.GoodPhoto.AsSpan(Journey.GoodPhoto.Length / 2, 64).ToArray()));
        // Nor a plain hash of any stored file, by which a database and a face image would confirm each other: the digest
        // kept with each file is keyed (and still the same for the same content, so copies can be found).
        await using (var db = await service.Services.GetRequiredService<IDbContextFactory<IdReissueDbContext>>().CreateDbContextAsync())
        {
            var files = await db.Files.AsNoTracking().Where(f => f.ApplicationId == journey.ApplicationId).Select(f => new { f.Content, f.Sha256 }).ToListAsync();
            Assert.NotEmpty(files);
            foreach (var file in files)
            {
                var plain = SHA256.HashData(file.Content);
                Assert.NotEqual(Convert.ToHexString(plain), file.Sha256, StringComparer.OrdinalIgnoreCase);
                Assert.False(Contains(stored, Encoding.ASCII.GetBytes(Convert.ToHexString(plain))), "a stored file's plain SHA-256 is in the database");
                Assert.False(Contains(stored, plain), "a stored file's plain SHA-256 is in the database");
                Assert.Matches("^[0-9A-F]{64}$", file.Sha256);
            }
        }

        foreach (var upload in new[] { Journey.GoodPhoto })
        {
            Assert.False(Contains(stored, Encoding.ASCII.GetBytes(Convert.ToHexString(SHA256.HashData(upload)))), "the uploaded photo's plain SHA-256 is in the database");
        }
        // ...while the service itself still reads it all back.
        var revealed = await Api.Expect(await Api.Post($"/api/officer/applications/{journey.ApplicationId}/reveal", reviewer), HttpStatusCode.OK);
        Assert.Equal(journey.Field("citizenId"), revealed.GetProperty("citizenId").GetString());
    }

    [Fact]
    public async Task A_stored_face_image_keeps_a_keyed_digest_equal_for_equal_content_and_unlike_its_plain_hash()
    {
        var factory = service.Services.GetRequiredService<IDbContextFactory<IdReissueDbContext>>();
        var image = Journey.GoodPhoto;
        var ids = new List<Guid>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            ids.Add(EfFileStore.Store(db, image, StoredFileKind.FaceCapture, null, "image/jpeg", DateTimeOffset.UtcNow).Id);
            ids.Add(EfFileStore.Store(db, image, StoredFileKind.FaceCapture, null, "image/jpeg", DateTimeOffset.UtcNow).Id);
            ids.Add(EfFileStore.Store(db, [.. image, 0], StoredFileKind.FaceCapture, null, "image/jpeg", DateTimeOffset.UtcNow).Id);
            await db.SaveChangesAsync();
        }

        await using (var db = await factory.CreateDbContextAsync())
        {
            var digests = await db.Files.AsNoTracking().Where(f => ids.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.Sha256);
            Assert.Equal(digests[ids[0]], digests[ids[1]]);
            Assert.NotEqual(digests[ids[0]], digests[ids[2]]);
            Assert.NotEqual(Convert.ToHexString(SHA256.HashData(image)), digests[ids[0]], StringComparer.OrdinalIgnoreCase);
            await db.Files.Where(f => ids.Contains(f.Id)).ExecuteDeleteAsync();
        }
    }

    [Fact]
    public async Task Revealing_unmasked_data_is_a_separate_right_and_every_reveal_is_recorded()
    {
        var journey = await Journey.Begin(Api, "hunan");
        await journey.ToAddressGiven("Damage");
        var producer = await Api.LoginOfficer("hunan-production");
        var otherRegion = await Api.LoginOfficer("jilin-review");
        var reviewer = await Api.LoginOfficer("hunan-review");
        var path = $"/api/officer/applications/{journey.ApplicationId}";

        var masked = await Api.Get(path, producer);
        Assert.DoesNotContain(journey.Field("citizenId"), masked.GetRawText(), StringComparison.Ordinal);
        await Api.ExpectProblem(await Api.Post($"{path}/reveal", producer), HttpStatusCode.Forbidden, "forbidden");
        await Api.ExpectProblem(await Api.Post($"{path}/reveal", otherRegion), HttpStatusCode.NotFound, "application_not_found");
        await Api.ExpectProblem(await Api.Post($"{path}/reveal", journey.Token), HttpStatusCode.Forbidden, "forbidden");

        var revealed = await Api.Expect(await Api.Post($"{path}/reveal", reviewer), HttpStatusCode.OK);
        Assert.Equal(journey.Field("name"), revealed.GetProperty("name").GetString());

        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdReissueDbContext>();
        var number = masked.GetProperty("application").GetProperty("applicationNumber").GetString();
        var reveals = await db.AuditEntries.Where(a => a.Action == "application.reveal" && a.Target == number).ToListAsync();
        Assert.Equal("officer:hunan-review", Assert.Single(reveals).Actor);
    }

    [Fact]
    public async Task The_audit_chain_verifies_and_names_the_first_altered_entry()
    {
        await Api.LoginOfficer("tianjin-review");
        await Api.LoginOfficer("tianjin-production");
        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdReissueDbContext>();

        var intact = new StringWriter();
        Assert.Equal(0, await SecurityCommands.RunAsync(service.Services, ["verify-audit"], intact));
        Assert.Contains("审计日志完整", intact.ToString(), StringComparison.Ordinal);

        var victim = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence != null).OrderByDescending(a => a.Sequence).Skip(1).FirstAsync();
        await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Detail\" = 'nothing happened' WHERE \"Id\" = {victim.Id}");
        try
        {
            var broken = new StringWriter();
            Assert.Equal(1, await SecurityCommands.RunAsync(service.Services, ["verify-audit"], broken));
            Assert.Contains($"第{victim.Sequence}条", broken.ToString(), StringComparison.Ordinal);
            Assert.Contains("篡改", broken.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Detail\" = {victim.Detail} WHERE \"Id\" = {victim.Id}");
        }

        Assert.Equal(0, await SecurityCommands.RunAsync(service.Services, ["verify-audit"], new StringWriter()));
    }

    [Fact]
    public async Task A_new_data_key_seals_new_data_while_old_data_stays_readable()
    {
        var before = await Journey.Begin(Api, "jilin");
        await before.ToAddressGiven("Damage");

        var output = new StringWriter();
        Assert.Equal(0, await SecurityCommands.RunAsync(service.Services, ["new-data-key"], output));
        var newKey = Guid.Parse(System.Text.RegularExpressions.Regex.Match(output.ToString(), "[0-9a-f-]{36}").Value);
        Assert.Equal(newKey, service.Services.GetRequiredService<Infrastructure.Security.Protection.PersonalDataProtector>().ActiveDataKeyId);

        var after = await Journey.Begin(Api, "jilin");
        await after.ToAddressGiven("Damage");
        Assert.NotEqual(newKey, await SealingKeyOf(before.ApplicationId));
        Assert.Equal(newKey, await SealingKeyOf(after.ApplicationId));

        var oldView = await Api.Get($"/api/applications/{before.ApplicationId}", before.Token);
        Assert.EndsWith(before.Field("citizenId")[^4..], oldView.GetProperty("maskedCitizenId").GetString(), StringComparison.Ordinal);
        var newView = await Api.Get($"/api/applications/{after.ApplicationId}", after.Token);
        Assert.EndsWith(after.Field("citizenId")[^4..], newView.GetProperty("maskedCitizenId").GetString(), StringComparison.Ordinal);

        // Resealing moves the old rows to the new key too, so the old key could be retired.
        var resealed = new StringWriter();
        Assert.Equal(0, await SecurityCommands.RunAsync(service.Services, ["reseal"], resealed));
        Assert.Equal(newKey, await SealingKeyOf(before.ApplicationId));
        oldView = await Api.Get($"/api/applications/{before.ApplicationId}", before.Token);
        Assert.EndsWith(before.Field("citizenId")[^4..], oldView.GetProperty("maskedCitizenId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_personal_value_copied_from_another_application_is_refused_with_its_own_problem_code()
    {
        var source = await Journey.Begin(Api, "hunan");
        await source.ToAddressGiven("Damage");
        var target = await Journey.Begin(Api, "hunan");
        await target.ToAddressGiven("Damage");
        var admin = await Api.LoginOfficer("admin");
        static string NumberOf(System.Text.Json.JsonElement view) => view.GetProperty("application").GetProperty("applicationNumber").GetString()!;
        var sourceNumber = NumberOf(await Api.Get($"/api/officer/applications/{source.ApplicationId}", admin));
        var targetNumber = NumberOf(await Api.Get($"/api/officer/applications/{target.ApplicationId}", admin));

        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdReissueDbContext>();
        var sourcePhone = await db.Database.SqlQuery<string>($"SELECT \"AddressPhone\" AS \"Value\" FROM \"Applications\" WHERE \"ApplicationNumber\" = {sourceNumber}").SingleAsync();
        var targetPhone = await db.Database.SqlQuery<string>($"SELECT \"AddressPhone\" AS \"Value\" FROM \"Applications\" WHERE \"ApplicationNumber\" = {targetNumber}").SingleAsync();
        await db.Database.ExecuteSqlAsync($"UPDATE \"Applications\" SET \"AddressPhone\" = {sourcePhone} WHERE \"ApplicationNumber\" = {targetNumber}");
        try
        {
            await Api.ExpectProblem(await Api.Send(HttpMethod.Get, $"/api/applications/{target.ApplicationId}", target.Token),
                HttpStatusCode.InternalServerError, "personal_data_integrity");
        }
        finally
        {
            await db.Database.ExecuteSqlAsync($"UPDATE \"Applications\" SET \"AddressPhone\" = {targetPhone} WHERE \"ApplicationNumber\" = {targetNumber}");
        }

        await Api.Get($"/api/applications/{target.ApplicationId}", target.Token);
        await Api.Get($"/api/applications/{source.ApplicationId}", source.Token);
    }

    [Fact]
    public async Task A_plaintext_written_straight_into_a_personal_column_is_refused_not_shown()
    {
        var journey = await Journey.Begin(Api, "hunan");
        await journey.ToAddressGiven("Damage");
        var number = (await Api.Get($"/api/officer/applications/{journey.ApplicationId}", await Api.LoginOfficer("admin")))
            .GetProperty("application").GetProperty("applicationNumber").GetString()!;

        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdReissueDbContext>();
        var sealedDetail = await db.Database.SqlQuery<string>($"SELECT \"AddressDetail\" AS \"Value\" FROM \"Applications\" WHERE \"ApplicationNumber\" = {number}").SingleAsync();
        await db.Database.ExecuteSqlAsync($"UPDATE \"Applications\" SET \"AddressDetail\" = {"解放路1号（内部人员改写）"} WHERE \"ApplicationNumber\" = {number}");
        try
        {
            await Api.ExpectProblem(await Api.Send(HttpMethod.Get, $"/api/applications/{journey.ApplicationId}", journey.Token),
                HttpStatusCode.InternalServerError, "personal_data_integrity");
        }
        finally
        {
            await db.Database.ExecuteSqlAsync($"UPDATE \"Applications\" SET \"AddressDetail\" = {sealedDetail} WHERE \"ApplicationNumber\" = {number}");
        }

        await Api.Get($"/api/applications/{journey.ApplicationId}", journey.Token);
    }

    /// <summary>The data key named inside the stored (encrypted) citizen ID number of an application.</summary>
    private async Task<Guid> SealingKeyOf(Guid applicationId)
    {
        var number = (await Api.Get($"/api/officer/applications/{applicationId}", await Api.LoginOfficer("admin"))).GetProperty("application").GetProperty("applicationNumber").GetString()!;
        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdReissueDbContext>();
        var stored = await db.Database.SqlQuery<string>($"SELECT \"CitizenId\" AS \"Value\" FROM \"Applications\" WHERE \"ApplicationNumber\" = {number}").SingleAsync();
        Assert.StartsWith("e2.", stored, StringComparison.Ordinal);
        return new Guid(Convert.FromBase64String(stored[3..]).AsSpan(0, 16));
    }

    [Fact]
    public async Task A_page_form_posted_without_its_antiforgery_token_is_refused_and_logs_nobody_in()
    {
        using var client = service.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = Api.Http.BaseAddress! });
        var response = await client.PostAsync("/officer/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Username"] = "admin",
            ["Input.Password"] = service.OfficerPassword("admin"),
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("idr_session=", StringComparison.Ordinal)));
        Assert.Contains("页面已过期", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_frameworks_own_data_protection_keys_are_sealed_too()
    {
        (await Api.Http.GetAsync("/login")).EnsureSuccessStatusCode(); // issues an antiforgery token, so a key exists

        await using var scope = service.Services.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<IdReissueDbContext>().DataProtectionKeys.AsNoTracking().ToListAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, k =>
        {
            Assert.Contains("sealedKey", k.Xml, StringComparison.Ordinal);
            Assert.Contains(">e1.", k.Xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", k.Xml, StringComparison.Ordinal);
        });
    }

    private byte[] ReadDatabaseFiles()
    {
        using var buffer = new MemoryStream();
        foreach (var file in Directory.GetFiles(service.DataDirectory, "idreissue.db*"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.CopyTo(buffer);
        }

        return buffer.ToArray();
    }

    /// <summary>Every row of every table, as PostgreSQL's binary COPY gives it (what a dump or a stolen backup holds).</summary>
    private async Task<byte[]> DumpPostgreSqlAsync()
    {
        await using var scope = service.Services.CreateAsyncScope();
        var connection = (Npgsql.NpgsqlConnection)scope.ServiceProvider.GetRequiredService<IdReissueDbContext>().Database.GetDbConnection();
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var command = new Npgsql.NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        using var buffer = new MemoryStream();
        foreach (var table in tables)
        {
            await using var copy = await connection.BeginRawBinaryCopyAsync($"COPY \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\" TO STDOUT (FORMAT BINARY)");
            await copy.CopyToAsync(buffer);
        }

        return buffer.ToArray();
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
