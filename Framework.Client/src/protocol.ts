// The wire protocol (docs/protocol.md). The values mirror Framework/Protocol/*.cs; a test checks them against
// tests/fixtures/protocol/codes.json, which the C# side writes from those files.

export const PatchCode = {
  SetText: 1,
  SetAttribute: 2,
  RemoveAttribute: 3,
  Insert: 4,
  Remove: 5,
  Move: 6,
  Replace: 7,
} as const;

export const MessageType = {
  Event: 'event',
  Resync: 'resync',
  Navigate: 'nav',
  Close: 'close',
  JSDone: 'jsdone',
  DotNet: 'dotnet',
  Update: 'update',
  Refresh: 'refresh',
  Location: 'location',
  JS: 'js',
  Error: 'error',
} as const;

export const ErrorCode = {
  BadMessage: 'bad-message',
  TooLarge: 'too-large',
  UnsupportedMediaType: 'unsupported-media-type',
  BadToken: 'bad-token',
  UnknownView: 'unknown-view',
  UnknownStream: 'unknown-stream',
  ViewEvicted: 'view-evicted',
  ForeignView: 'foreign-view',
  NoHandler: 'no-handler',
  BadEventArgs: 'bad-event-args',
  SessionExpired: 'session-expired',
  StoreUnavailable: 'store-unavailable',
  Busy: 'busy',
  ClientOutdated: 'client-outdated',
  ViewFailed: 'view-failed',
} as const;

export const ProtocolConstants = {
  TokenHeader: 'X-RF-Token',
  ClientVersionHeader: 'X-RF-Client',
  SessionCookie: 'rf-session',
  ResumeCookie: 'rf-resume',
  RootElementId: 'rf-root',
  TargetAttribute: 'data-rf',
  EventsAttribute: 'data-rf-on',
  PreventDefaultAttribute: 'data-rf-pd',
  StopPropagationAttribute: 'data-rf-sp',
  ShapeAttribute: 'data-rf-shape',
  HeadMarker: 'rf-head',
  EndpointPrefix: '/_rf',
} as const;

/** The words of a `js` call: its kind (`call`) and what the server wants back (`result`). */
export const JSNames = {
  FunctionCall: 'call',
  ConstructorCall: 'new',
  GetValue: 'get',
  SetValue: 'set',
  JsonResult: 'json',
  ObjectResult: 'ref',
  VoidResult: 'void',
  StreamResult: 'stream',
  SendStream: 'Blazor._internal.sendJSDataStream',
} as const;

/** Host-page names that are not part of Framework/Protocol (they appear only in docs/protocol.md). */
export const HostPage = {
  TokenMeta: 'rf-token',
  ClientVersionMeta: 'rf-client',
  ViewAttribute: 'data-rf-view',
  NumberAttribute: 'data-rf-n',
} as const;

export type Path = number[];

export type Patch =
  | [typeof PatchCode.SetText, Path, string]
  | [typeof PatchCode.SetAttribute, Path, string, string]
  | [typeof PatchCode.RemoveAttribute, Path, string]
  | [typeof PatchCode.Insert, Path, number, string]
  | [typeof PatchCode.Remove, Path]
  | [typeof PatchCode.Move, Path, number, number]
  | [typeof PatchCode.Replace, Path, string];

export interface EventMessage {
  t: typeof MessageType.Event;
  view: string;
  n: number;
  id: number;
  target: string;
  name: string;
  args: object;
  /** The page the browser shows, so a server that does not know the view can start it afresh there. */
  url?: string;
}

export interface NavigateMessage {
  t: typeof MessageType.Navigate;
  view: string;
  n: number;
  id: number;
  url: string;
}

export interface ResyncMessage {
  t: typeof MessageType.Resync;
  view: string;
  n: number;
  url?: string;
}

export interface CloseMessage {
  t: typeof MessageType.Close;
  view: string;
}

/** The browser finished a `js` call: `result` is the JSON of its value, or of the error's text when `ok` is false. */
export interface JSDoneMessage {
  t: typeof MessageType.JSDone;
  view: string;
  n: number;
  id: number;
  call: number;
  ok: boolean;
  result: string;
  /** Byte arrays the result names: `{"__byte[]": i}` is the i-th, base64. */
  bytes?: string[];
}

/** Browser JavaScript calls a .NET method; `args` is the JSON of the argument array. */
export interface DotNetMessage {
  t: typeof MessageType.DotNet;
  view: string;
  n: number;
  id: number;
  /** Present when the caller wants the result (a `js` message with `done`). */
  call?: number;
  assembly?: string;
  method: string;
  object?: number;
  args: string;
  /** Byte arrays the arguments name: `{"__byte[]": i}` is the i-th, base64. */
  bytes?: string[];
}

export type ClientMessage = EventMessage | NavigateMessage | ResyncMessage | CloseMessage | JSDoneMessage | DotNetMessage;

export interface UpdateMessage {
  t: typeof MessageType.Update;
  view: string;
  n: number;
  patches: Patch[];
  url?: string;
  /** The view was rebuilt from its saved state (on this or another server) just before this update. */
  rebuilt?: boolean;
  /** The view's new head content (title, `<HeadContent>`), when it changed. */
  head?: string;
  /** `url` replaces the current history entry (`NavigateTo(…, replace: true)`). */
  replace?: boolean;
}

export interface RefreshMessage {
  t: typeof MessageType.Refresh;
  view: string;
  n: number;
  html: string;
  url?: string;
  rebuilt?: boolean;
  head?: string;
}

export interface LocationMessage {
  t: typeof MessageType.Location;
  url: string;
}

export interface ErrorMessage {
  t: typeof MessageType.Error;
  code: string;
  reason?: string;
}

/** A JavaScript call to make once the view shows number `n`. */
export interface JSCallMessage {
  t: typeof MessageType.JS;
  view: string;
  n: number;
  id: number;
  fn: string;
  args: unknown[];
  call: string;
  result: string;
  target: number;
  /** Byte arrays the arguments name (`{"__byte[]": id}`), base64 by id. */
  bytes?: Record<string, string>;
  /** Where to fetch the .NET streams the arguments name (`{"__dotNetStream": id}`), by id. */
  streams?: Record<string, { stream: string; secret: string }>;
}

/** The end of a `dotnet` call, delivered once the view shows number `n`. */
export interface DotNetResultMessage {
  t: typeof MessageType.JS;
  view: string;
  n: number;
  done: string;
  ok: boolean;
  result?: unknown;
  error?: string;
  bytes?: Record<string, string>;
  streams?: Record<string, { stream: string; secret: string }>;
}

export type JSMessage = JSCallMessage | DotNetResultMessage;

export type ServerMessage = UpdateMessage | RefreshMessage | LocationMessage | JSMessage | ErrorMessage;
