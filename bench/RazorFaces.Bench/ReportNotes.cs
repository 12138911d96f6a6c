using System.Globalization;

namespace RazorFaces.Bench;

/// <summary>The fixed prose of the report: how each number is measured and how to reproduce it.</summary>
internal static class ReportNotes
{
    public static string Method(BenchResults r) => string.Format(CultureInfo.InvariantCulture, """
        ## How it is measured

        - **Server**: real Kestrel on `127.0.0.1` (a free port) inside the benchmark process, with Demo.App's
          pipeline: `AddRazorFaces()`, `MapRazorFaces<Demo.App.App>()` and a `NodeInfo` singleton (Demo.App's
          inline stylesheet is left out; it only lengthens the first GET). Logging is at Warning, so no
          per-request log lines. The echo baseline is `POST /bench/echo` in the same server: it reads the whole
          body and writes it back.
        - **Clients**: each simulated browser has its own `HttpClient` (one keep-alive HTTP/1.1 connection) and
          its own cookie container. It GETs `/counter`, reads the view id, `n` and the CSRF token from the
          HTML (AngleSharp), and the increment button's `data-rf` target; then it POSTs `event` messages to
          `/_rf/send` with the `X-RF-Token` header (docs/protocol.md), and checks that every answer is exactly
          one `update` with `n + 1` and one SetText patch to the next count. The echo client posts a message
          of the same size with the same headers and checks that it comes back byte for byte; both parse the
          answer as JSON.
        - **Load**: closed loop — every client sends its next request as soon as it has the previous answer.
          Latency is per request, from `Stopwatch` timestamps around `HttpClient.SendAsync` + reading the
          body + the checks. The clients run in the same process as the server, so at 50 clients the two
          cores are saturated and latency is mostly queueing; the ratio to the echo, measured under the same
          conditions, is the meaningful number. After a warm-up of {0:0} s (both endpoints, all clients),
          echo and RazorFaces rounds of {1:0} s alternate ({2} round(s) each per concurrency), so a busy
          phase of the shared machine hits both about equally.
        - **Bytes**: one click on a fresh /counter view; the bodies as sent (no HTTP headers).
        - **Memory**: {3} views per page are created one after another through the real page endpoint
          (`GET /counter`, `GET /todos`), each with a new session, over one connection. For "/counter after
          {5} clicks" each view also gets {5} clicks, and for "/todos with {4} items" {4} × (`input` on the
          text box, `click` on Add), through `/_rf/send`.
          Before and after: full blocking compacting collections (also of the LOH), then
          `GC.GetTotalMemory(true)` and `GCMemoryInfo.HeapSizeBytes`. The difference divided by the number
          of views is what one live view costs, **including its session** (one per view here) and its
          registry entries. The baseline is the same process just before, with one view of the page
          created and dropped first so that JIT and shared caches (parsed static markup) are not counted.
        - **Session sizes** (milestone 2): one new session per page — /counter with {6} clicks, /todos with
          {4} items, /form with email and name typed (`change` events), /cart with {4} items (a `change` on the
          item box and a click on Add, each) — then the session's fields read from the `InMemorySessionStore`
          resolved from the server's services. The byte counts are the stored field values (UTF-8 JSON).
        - **Live vs passivated** (milestone 2): {3} /counter views with {6} clicks each, one session per view;
          managed heap (as above) against a baseline just before, with every view live, then after
          `ViewRegistry.RemoveAllAsync()` dropped them all (their records stay in the store). Then a few of
          the passivated views get one more click, which must answer with exactly the next count.
        - **Failover** (milestone 3): redis-server (`--save '' --appendonly no`) and two
          `dotnet Demo.App/bin/Release/net10.0/Demo.App.dll --urls http://127.0.0.1:PORT --node A|B --redis 127.0.0.1:RPORT`
          processes (logging at Warning), started by the benchmark; both serve a view and rebuild one from Redis
          first (warm-up). Each round a new user opens /counter on A and clicks 5 times. *Between clicks*: the
          timestamp is taken, A gets SIGKILL, and the user clicks; the request to A is refused and sent to B at
          once. *Lease held*: the user clicks without pause; when A's lease key (`rf:l:SESSION`) is in Redis, A is
          frozen with SIGSTOP; if the key is still there A dies holding it (SIGKILL, timestamp), otherwise it
          resumes (SIGCONT) and the next moment is tried. A 5xx is retried on the same node with the browser
          client's backoff (250 ms × 2^attempt, half of it random). Recovery ends when B's answer to the click
          has been read and checked (an `update` or `refresh` showing the next count). A is then restarted on the
          same port, and the previous round's user (left on B) clicks once on A (fail-back).
        - **Redis store** (milestone 3): a second in-process server like the first but with
          `AddRazorFacesRedis("127.0.0.1:RPORT")` on its own redis-server; 50 users on each server; rounds of
          {7:0} s alternate (in-memory clicks, Redis clicks, bare HGET; {8} round(s) each per concurrency)
          after a warm-up. The bare round trip is `HashGetAsync` through the benchmark's own
          `ConnectionMultiplexer`. Commands per event: `INFO commandstats` before and after a run of clicks of one
          client, minus the counts of an idle interval as long right after (the node's heartbeat every 2 s and
          its expiry sweep), divided by the clicks.

        ## Reproduce

        ```sh
        dotnet run -c Release --project bench/RazorFaces.Bench            # full run, about 4 minutes on 2 cores
        dotnet run -c Release --project bench/RazorFaces.Bench -- --quick # about 1 minute, rough numbers
        ```

        Options: `--out PATH` writes the report elsewhere (default: `docs/performance.md` of the repository
        the command runs in), `--no-report` only prints. The milestone-3 part needs `/usr/bin/redis-server`
        (scripts/install-test-deps.sh) and Demo.App built in Release (building the benchmark in Release does it). Numbers on a shared 2-core machine move by
        10–20 % between runs; compare ratios, not absolute milliseconds.

        """,
        r.Settings.WarmUp.TotalSeconds, r.Settings.RoundDuration.TotalSeconds, r.Settings.Rounds, r.Settings.Views, MemoryProbe.TodosAdded, MemoryProbe.CounterClicks, PassivationProbe.Clicks,
        r.Settings.StoreRoundDuration.TotalSeconds, r.Settings.StoreRounds);
}
