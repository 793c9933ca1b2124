using System.Net;
using System.Text.RegularExpressions;

namespace IdReissue.ServiceBench;

/// <summary>Signed-in people for a run: applicants with an application past its eligibility check, and an officer.</summary>
public static partial class Journeys
{
    public sealed record Applicant(string Token, string ApplicationId);

    public static async Task<List<Applicant>> PrepareAsync(FailoverClient client, int count)
    {
        var applicants = new List<Applicant>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, _) =>
        {
            var resident = await client.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/sandbox/residents", json: new { region = "hunan", profile = "eligible" });
            var phone = resident["phone"]!.GetValue<string>();
            await client.ExpectAsync(HttpStatusCode.Accepted, HttpMethod.Post, "/api/auth/sms-codes", json: new { phone });
            var messages = await client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/sandbox/sms/inbox", json: new { phone });
            var code = messages.AsArray().Select(m => Code().Match(m!["text"]!.GetValue<string>())).First(m => m.Success).Groups[1].Value;
            var token = (await client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/auth/applicant-sessions", json: new { phone, code }))["token"]!.GetValue<string>();
            await client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/me/real-name", token,
                new { name = resident["name"]!.GetValue<string>(), citizenId = resident["citizenId"]!.GetValue<string>() });
            var application = await client.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/applications", token,
                new { region = "hunan", @case = "Damage", householdNumber = resident["householdNumber"]!.GetValue<string>() }, idempotencyKey: Guid.NewGuid().ToString());
            var id = application["id"]!.GetValue<string>();
            await client.ExpectStatusAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/applications/{id}/eligibility", token);
            lock (applicants)
            {
                applicants.Add(new Applicant(token, id));
            }
        });
        return applicants;
    }

    /// <summary>A seeded officer's session, with the demo password the node wrote to its log-ins file.</summary>
    public static async Task<string> OfficerAsync(FailoverClient client, string loginsFile, string username)
    {
        var password = File.ReadLines(loginsFile).Select(l => l.Split(' ')).First(f => f.Length > 2 && f[0] == "officer" && f[1] == username)[2];
        return (await client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/auth/officer-sessions", json: new { username, password }))["token"]!.GetValue<string>();
    }

    [GeneratedRegex("验证码为([0-9]{6})")]
    private static partial Regex Code();
}
