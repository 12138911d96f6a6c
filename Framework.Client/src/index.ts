import { listen } from './events';
import { HostPage, ProtocolConstants } from './protocol';
import { StatusTracker, type Stats, type Status } from './status';
import { LongPollTransport } from './transport/longpoll';
import { View } from './view';

declare global {
  interface Window {
    RazorFaces?: { readonly status: Status; readonly stats: Stats };
  }
}

function boot(): void {
  const root = document.getElementById(ProtocolConstants.RootElementId);
  if (!root || window.RazorFaces) {
    return;
  }
  const token = document.querySelector(`meta[name="${HostPage.TokenMeta}"]`)?.getAttribute('content') ?? '';
  const clientVersion = document.querySelector(`meta[name="${HostPage.ClientVersionMeta}"]`)?.getAttribute('content') ?? undefined;
  const transport = new LongPollTransport({ token, clientVersion });
  const status = new StatusTracker(document, transport.name);
  const view = View.fromRoot(root, transport, status);
  window.RazorFaces = {
    get status() {
      return status.status;
    },
    stats: status.stats,
  };
  listen(root, view);
  window.addEventListener('pagehide', () => view.close());
  // A page restored from the back/forward cache has closed its view on pagehide; start afresh.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) {
      window.location.reload();
    }
  });
  view.start();
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', boot);
} else {
  boot();
}
