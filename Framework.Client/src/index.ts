import { listenToDeclaredEvents } from './declaredEvents';
import { listen } from './events';
import { registerCustomEventType } from './eventTypes';
import { installInputFile } from './inputFile';
import { installGlobals } from './interop';
import { HostPage, ProtocolConstants } from './protocol';
import { StatusTracker, type Stats, type Status } from './status';
import { AutoTransport } from './transport/auto';
import { LongPollTransport } from './transport/longpoll';
import { SignalRTransport } from './transport/signalr';
import type { Transport } from './transport/transport';
import { View } from './view';
import { installVirtualize } from './virtualize';

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
  const status = new StatusTracker(document, 'longpoll');
  const transport = chooseTransport(token, clientVersion, (name) => {
    status.stats.transport = name;
  });
  status.stats.transport = transport.name;
  const view = View.fromRoot(root, transport, status);
  window.RazorFaces = {
    get status() {
      return status.status;
    },
    stats: status.stats,
  };
  installGlobals(window, view.interop, { viewId: () => view.viewId });
  installInputFile(window);
  installVirtualize(window, root);
  listen(root, view);
  listenToDeclaredEvents(root);
  window.addEventListener('pagehide', () => view.close());
  // A page restored from the back/forward cache has closed its view on pagehide; start afresh.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) {
      window.location.reload();
    }
  });
  view.start();
}

/**
 * The transport `html[data-rf-transport]` asks for (written from RazorFacesOptions.Transport). A page without the
 * attribute comes from a server without the hub: long-poll.
 */
function chooseTransport(token: string, clientVersion: string | undefined, chosen: (name: string) => void): Transport {
  const html = document.documentElement;
  const mode = html.dataset.rfTransport ?? 'longpoll';
  const heartbeatMs = Number(html.dataset.rfHeartbeat) || undefined;
  const maxFrameBytes = Number(html.dataset.rfMaxFrame) || undefined;
  const longPoll = () => new LongPollTransport({ token, clientVersion });
  const signalR = () => new SignalRTransport({ token, clientVersion, heartbeatMs, maxFrameBytes });
  switch (mode) {
    case 'signalr':
      return signalR();
    case 'auto':
      return new AutoTransport(signalR(), longPoll, chosen);
    default:
      return longPoll();
  }
}

// Before boot, so a script that runs right after the client's (as after blazor.web.js) can register its events.
((window as unknown as { Blazor?: Record<string, unknown> }).Blazor ??= {}).registerCustomEventType = registerCustomEventType;

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', boot);
} else {
  boot();
}
