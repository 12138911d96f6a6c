namespace RazorFaces.Bench;

/// <summary>
/// Counter increments over long-poll against the bare echo baseline, at each concurrency. Echo and
/// RazorFaces rounds alternate, so a slow phase of a shared machine hits both about equally.
/// </summary>
internal static class RoundTripBench
{
    public const string RazorFaces = "RazorFaces /counter click";
    public const string Echo = "Kestrel echo";

    public static async Task<List<LatencyResult>> RunAsync(BenchServer server, BenchSettings settings, TextWriter log)
    {
        var handlers = new List<HttpClient>();
        var clients = new List<SimulatedBrowser>();
        try
        {
            // Every simulated browser has its own connection and its own session.
            for (var i = 0; i < BenchSettings.Concurrencies.Max(); i++)
            {
                var http = HttpClients.Create();
                handlers.Add(http);
                var client = new SimulatedBrowser(http, server.Address);
                await client.OpenAsync("/counter");
                clients.Add(client);
            }
            log.WriteLine($"warm-up {settings.WarmUp.TotalSeconds:0} s with {clients.Count} clients");
            var half = settings.WarmUp / 2;
            await LoadDriver.RunAsync(clients, c => c.EchoAsync(), half);
            await LoadDriver.RunAsync(clients, c => c.ClickIncrementAsync(), half);

            var results = new List<LatencyResult>();
            foreach (var concurrency in BenchSettings.Concurrencies)
            {
                var active = clients.Take(concurrency).ToList();
                var echo = new Samples();
                var razorFaces = new Samples();
                for (var round = 1; round <= settings.Rounds; round++)
                {
                    log.WriteLine($"{concurrency} client(s), round {round}/{settings.Rounds}");
                    echo.Add(await LoadDriver.RunAsync(active, c => c.EchoAsync(), settings.RoundDuration));
                    razorFaces.Add(await LoadDriver.RunAsync(active, c => c.ClickIncrementAsync(), settings.RoundDuration));
                }
                results.Add(echo.Result(Echo, concurrency));
                results.Add(razorFaces.Result(RazorFaces, concurrency));
            }
            return results;
        }
        finally
        {
            handlers.ForEach(h => h.Dispose());
        }
    }

    private sealed class Samples
    {
        private readonly List<long> _ticks = [];
        private double _seconds;
        private long _allocated;

        public void Add((List<long> Ticks, double Seconds, long Allocated) run)
        {
            _ticks.AddRange(run.Ticks);
            _seconds += run.Seconds;
            _allocated += run.Allocated;
        }

        public LatencyResult Result(string scenario, int clients) =>
            LatencyResult.From(scenario, clients, _ticks, _seconds) with { AllocatedPerRequest = _allocated / _ticks.Count };
    }
}
