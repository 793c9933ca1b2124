using IdReissue.ServiceBench;

// Service-level harnesses that run the real web host as separate processes on loopback ports.
return args.FirstOrDefault() switch
{
    "crash" => await CrashTest.RunAsync(args[1..]),
    "load" => await LoadTest.RunAsync(args[1..]),
    "flood" => await FloodBench.RunAsync(args[1..]),
    "protect" => await ProtectionBench.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: IdReissue.ServiceBench crash|load|flood|protect [options]  (see scripts/crash-test.sh, scripts/load-test.sh and scripts/flood-test.sh)");
    return 2;
}
