namespace Demo.App;

/// <summary>The demo's small stylesheet, inlined so the demo serves no static files.</summary>
internal static class DemoStyles
{
    public const string Head = """
        <style>
          body { font-family: system-ui, sans-serif; margin: 0; color: #222; }
          header { background: #24323f; padding: .6rem 1rem; }
          header a { color: #fff; margin-right: 1rem; text-decoration: none; }
          main { padding: 1rem; max-width: 40rem; }
          footer { padding: 1rem; color: #777; font-size: .85rem; }
          li { margin: .3rem 0; }
          .validation-message { color: #b00020; }
          #success { color: #1b7f3b; }
        </style>
        """;
}
