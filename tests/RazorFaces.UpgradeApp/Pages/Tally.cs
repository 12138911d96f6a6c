namespace Demo.App.Pages;

/// <summary>The next build's counter value: a record where the previous build saved a plain number.</summary>
public sealed record Tally(int Value)
{
    public Tally Next() => this with { Value = Value + 1 };
}
