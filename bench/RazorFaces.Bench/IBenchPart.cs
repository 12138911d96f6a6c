using System.Text;

namespace RazorFaces.Bench;

/// <summary>
/// One part of the benchmark: it measures one thing (<see cref="RunAsync"/>), then contributes rows to the report's
/// targets table and a section of its own. <c>--only NAME[,NAME]</c> runs the named parts alone.
/// </summary>
internal interface IBenchPart
{
    /// <summary>The short name <c>--only</c> selects it by, e.g. <c>load</c>.</summary>
    string Name { get; }

    /// <summary>Measures; results stay in the part until the report is written.</summary>
    Task RunAsync(BenchContext context);

    /// <summary>This part's rows of the targets table (none when it has no target).</summary>
    IEnumerable<TargetRow> Targets();

    /// <summary>Appends this part's section (a <c>##</c> heading, tables, what the numbers say, how measured).</summary>
    void WriteSection(StringBuilder md);
}
