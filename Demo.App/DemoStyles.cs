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
          .grid table { border-collapse: collapse; width: 100%; }
          .grid th, .grid td { padding: 0 .5rem; text-align: left; white-space: nowrap; }
          .grid tbody tr { height: 32px; }
          .grid .col-header-content { display: flex; align-items: center; }
          .grid .col-title { background: none; border: none; font: inherit; font-weight: bold; cursor: pointer; padding: 0; }
          .grid .col-justify-end .col-header-content { justify-content: flex-end; }
          .grid .col-justify-end { text-align: right; }
          .grid .col-options-button { background: none; border: none; cursor: pointer; }
          .grid .col-options-button::before { content: "⋮"; }
          .grid th { position: relative; }
          .grid .col-options { position: absolute; z-index: 1; background: #fff; border: 1px solid #ccc; padding: .5rem; }
          .grid .sort-indicator::after { margin-left: .3rem; }
          .grid th[aria-sort="ascending"] .sort-indicator::after { content: "▲"; }
          .grid th[aria-sort="descending"] .sort-indicator::after { content: "▼"; }
          .paginator { display: flex; gap: .5rem; align-items: center; margin: .5rem 0; }
        </style>
        """;
}
