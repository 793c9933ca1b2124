using System.Net;

namespace IdReissue.ServiceBench;

/// <summary>The applicant's 实人认证 for the crash and load tests.</summary>
internal static class SandboxFaceVerification
{
    /// <summary>
    /// 实人认证 through the sandbox's simulated certified provider (the tester's "passed"): synthetic applicants have
    /// no recording of themselves. An attempt whose first answer died with its node is begun again (each token answers once).
    /// </summary>
    public static async Task PassAsync(FailoverClient client, string applicationId, string token, CancellationToken cancellationToken)
    {
        for (var tries = 0; ; tries++)
        {
            var (begun, attempt) = await client.SendAsync(HttpMethod.Post, $"/api/applications/{applicationId}/face-verification/attempts", token,
                new { channel = "provider" }, cancellationToken: cancellationToken);
            if (begun == HttpStatusCode.Conflict && attempt?["code"]?.GetValue<string>() == "step_out_of_order")
            {
                return; // verified by an earlier try whose answer was lost with its node
            }

            if (begun != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"face attempt: {(int)begun} {attempt?.ToJsonString()}");
            }

            var page = new Uri(attempt!["verificationUrl"]!.GetValue<string>()).PathAndQuery;
            var back = await client.RedirectOfAsync(page, [new("outcome", "passed")], cancellationToken);
            var bizToken = System.Web.HttpUtility.ParseQueryString(back.Query)["token"]
                ?? throw new InvalidOperationException($"the provider returned without a token: {back}");
            var (status, response) = await client.SendAsync(HttpMethod.Post, $"/api/applications/{applicationId}/face-verification", token,
                content: () => new MultipartFormDataContent { { new StringContent(bizToken), "token" } }, cancellationToken: cancellationToken);
            var code = response?["code"]?.GetValue<string>();
            if (status == HttpStatusCode.OK || (status == HttpStatusCode.Conflict && code == "step_out_of_order"))
            {
                return;
            }

            if (tries < 3 && code is "challenge_used" or "face_unavailable")
            {
                continue;
            }

            throw new InvalidOperationException($"face-verification: {(int)status} {response?.ToJsonString()}");
        }
    }
}
