using System.Globalization;

namespace RazorFaces.Bench;

/// <summary>How the load part sweeps: users counts, events per second per user, point lengths, saturation clients.</summary>
/// <param name="Users">Concurrent users per point of the latency sweep; the first N of the largest set are reused.</param>
/// <param name="Rate">Events per second each user offers (open loop); <c>--rate R</c> overrides it.</param>
/// <param name="WarmUp">Load at the point's users and rate before its clock starts (not counted).</param>
/// <param name="Point">How long each point is measured.</param>
/// <param name="Saturation">Closed-loop clients for the events-per-second-at-saturation points.</param>
internal sealed record LoadSettings(int[] Users, double Rate, TimeSpan WarmUp, TimeSpan Point, int[] Saturation)
{
    public const double DefaultRate = 2;

    public static LoadSettings For(BenchSettings bench, IReadOnlyList<string> args)
    {
        var rate = DefaultRate;
        var index = args.ToList().IndexOf("--rate");
        if (index >= 0 && (index + 1 >= args.Count || !double.TryParse(args[index + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out rate) || rate <= 0))
        {
            throw new ArgumentException("--rate needs a positive number of events per second per user.");
        }
        return bench.Quick
            ? new([1, 10, 100, 500], rate, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1.5), [50])
            : new([1, 10, 100, 250, 500, 1000], rate, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(3), [50, 200]);
    }
}
