using IdReissue.Domain.Applications;
using Npgsql;

namespace IdReissue.ServiceBench;

/// <summary>What must hold after the run, read straight from the database.</summary>
public static class Invariants
{
    public static async Task<List<string>> CheckAsync(string connectionString, int applicants, CancellationToken cancellationToken)
    {
        var violations = new List<string>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);

        async Task<long> Count(string sql) => (long)(await new NpgsqlCommand(sql, connection).ExecuteScalarAsync(cancellationToken))!;
        async Task Expect(string what, string sql, long expected)
        {
            var actual = await Count(sql);
            Console.WriteLine($"  {what}: {actual}{(actual == expected ? string.Empty : $" (expected {expected})")}");
            if (actual != expected)
            {
                violations.Add($"{what}: {actual}, expected {expected}");
            }
        }

        Console.WriteLine("Checks:");
        await Expect("applications delivered", """SELECT count(*) FROM "Applications" WHERE "State" = 'Delivered'""", applicants);
        await Expect("orders paid at the gateway without a paid order here",
            """SELECT count(*) FROM sandbox."SandboxPaymentOrders" g LEFT JOIN "PaymentOrders" o ON o."OrderNumber" = g."OrderNumber" WHERE g."State" = 'Paid' AND (o."State" IS NULL OR o."State" NOT IN ('Paid', 'RefundDue'))""", 0);
        await Expect("paid orders whose application is not paid by them",
            """SELECT count(*) FROM "PaymentOrders" o JOIN "Applications" a ON a."Id" = o."ApplicationId" WHERE o."State" = 'Paid' AND (a."PaidAt" IS NULL OR a."PaymentOrderNumber" <> o."OrderNumber")""", 0);
        await Expect("applications paid more than once",
            """SELECT count(*) FROM (SELECT "ApplicationId" FROM "PaymentOrders" WHERE "State" IN ('Paid', 'RefundDue') GROUP BY "ApplicationId" HAVING count(*) > 1) x""", 0);
        await Expect("applications with more than one 'Paid' transition",
            """SELECT count(*) FROM (SELECT "ApplicationId" FROM "StateTransitions" WHERE "To" = 'Paid' GROUP BY "ApplicationId" HAVING count(*) > 1) x""", 0);
        await Expect("paid applications without a paid order",
            """SELECT count(*) FROM "Applications" a WHERE a."PaidAt" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "PaymentOrders" o WHERE o."OrderNumber" = a."PaymentOrderNumber" AND o."State" = 'Paid')""", 0);
        await Expect("outbox messages due but not run",
            """SELECT count(*) FROM "OutboxMessages" WHERE "ProcessedAt" IS NULL AND "FailedAt" IS NULL AND "AvailableAt" <= now()""", 0);
        await Expect("outbox messages given up", """SELECT count(*) FROM "OutboxMessages" WHERE "FailedAt" IS NOT NULL""", 0);
        await Expect("applicant notices sent more than once",
            """SELECT count(*) FROM (SELECT "Text", "Phone" FROM sandbox."SandboxSmsMessages" WHERE "Text" NOT LIKE '%验证码%' GROUP BY "Text", "Phone" HAVING count(*) > 1) x""", 0);
        await Expect("notices due (processed notify messages) without their SMS",
            """SELECT count(*) FROM "OutboxMessages" m WHERE m."Kind" = 'applicant.notify' AND m."ProcessedAt" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sandbox."SandboxSmsMessages" s WHERE s."MessageId" = replace(m."Id"::text, '-', ''))""", 0);
        await Expect("production batches not handed to the production centre", """SELECT count(*) FROM "ProductionBatches" WHERE "HandedOffAt" IS NULL""", 0);

        // Every transition legal, every timeline complete and ending in the application's state.
        var timelines = new Dictionary<Guid, List<(int Sequence, string? From, string To)>>();
        await using (var reader = await new NpgsqlCommand("""SELECT "ApplicationId", "Sequence", "From", "To" FROM "StateTransitions" ORDER BY "ApplicationId", "Sequence" """, connection).ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetGuid(0);
                if (!timelines.TryGetValue(id, out var list))
                {
                    timelines[id] = list = [];
                }

                list.Add((reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3)));
            }
        }

        var states = new Dictionary<Guid, string>();
        await using (var reader = await new NpgsqlCommand("""SELECT "Id", "State" FROM "Applications" """, connection).ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                states[reader.GetGuid(0)] = reader.GetString(1);
            }
        }

        var illegal = 0;
        var broken = 0;
        foreach (var (id, state) in states)
        {
            var timeline = timelines.GetValueOrDefault(id) ?? [];
            var complete = timeline.Count > 0 && timeline[0] is { From: null, To: "Draft" } && timeline[^1].To == state
                && timeline.Select(t => t.Sequence).SequenceEqual(Enumerable.Range(1, timeline.Count));
            broken += complete ? 0 : 1;
            illegal += timeline.Skip(1).Count(t => t.From is null || !ApplicationStateMachine.IsAllowed(Enum.Parse<ApplicationState>(t.From), Enum.Parse<ApplicationState>(t.To))
                || timeline[t.Sequence - 2].To != t.From);
        }

        Console.WriteLine($"  illegal transitions: {illegal}");
        Console.WriteLine($"  incomplete timelines: {broken} of {states.Count}");
        if (illegal > 0)
        {
            violations.Add($"{illegal} illegal transitions");
        }

        if (broken > 0)
        {
            violations.Add($"{broken} incomplete timelines");
        }

        return violations;
    }

    /// <summary>Every order a real gateway (or its simulator) says was paid is paid here, or marked for refund.</summary>
    public static async Task<List<string>> CheckPaidAtGatewayAsync(string connectionString, string gateway, IReadOnlyList<string> paidThere, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """SELECT count(*) FROM unnest(@numbers) n LEFT JOIN "PaymentOrders" o ON o."OrderNumber" = n WHERE o."State" IS NULL OR o."State" NOT IN ('Paid', 'RefundDue')""", connection);
        command.Parameters.AddWithValue("numbers", paidThere.ToArray());
        var missing = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        Console.WriteLine($"  orders paid at the {gateway}: {paidThere.Count}, without a paid order here: {missing}{(missing == 0 ? string.Empty : " (expected 0)")}");
        return missing == 0 ? [] : [$"{missing} orders paid at the {gateway} without a paid order here"];
    }
}
