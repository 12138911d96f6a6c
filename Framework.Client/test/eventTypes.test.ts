import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listen, type EventSink } from '../src/events';
import { registerCustomEventType, STANDARD_EVENTS, standardArgs, type ArgsType } from '../src/eventTypes';

interface EventTypesFixture {
  events: Record<string, string>;
  fields: Record<string, string[]>;
}

const fixture = JSON.parse(
  readFileSync(resolve(__dirname, '../../tests/fixtures/protocol/event-types.json'), 'utf8'),
) as EventTypesFixture;

/** A DOM event carrying everything the richest args types read (happy-dom lacks some constructors). */
function richEvent(type: string): Event {
  const event = new MouseEvent(type, { bubbles: true, clientX: 3, button: 0 });
  const touch = { identifier: 1, screenX: 1, screenY: 2, clientX: 3, clientY: 4, pageX: 5, pageY: 6 };
  Object.assign(event, {
    dataTransfer: {
      dropEffect: 'move', effectAllowed: 'all', files: [{ name: 'a.txt' }],
      items: [{ kind: 'file', type: 'text/plain' }], types: ['Files'],
    },
    touches: [touch], targetTouches: [], changedTouches: [touch],
  });
  return event;
}

function sortedKeys(value: object): string[] {
  return Object.keys(value).sort();
}

describe('the event types fixture (tests/fixtures/protocol/event-types.json)', () => {
  it('lists exactly the events the client knows, with the same args types', () => {
    expect(Object.fromEntries(STANDARD_EVENTS)).toEqual(fixture.events);
  });

  for (const type of new Set(Object.values(fixture.events))) {
    it(`sends exactly the fields of ${type}`, () => {
      const input = document.createElement('input');
      const args = standardArgs(type as ArgsType, richEvent('x'), input) as Record<string, unknown>;
      expect(sortedKeys(args)).toEqual([...fixture.fields[type]!].sort());
      if (type === 'DragEventArgs') {
        expect(sortedKeys(args.dataTransfer as object)).toEqual([...fixture.fields.DataTransfer!].sort());
        const item = (args.dataTransfer as { items: object[] }).items[0]!;
        expect(sortedKeys(item)).toEqual([...fixture.fields.DataTransferItem!].sort());
      }
      if (type === 'TouchEventArgs') {
        expect(sortedKeys((args.touches as object[])[0]!)).toEqual([...fixture.fields.TouchPoint!].sort());
      }
    });
  }
});

describe('events of every kind', () => {
  let root: HTMLElement;
  let events: Array<{ target: string; name: string; args: Record<string, unknown> }>;
  let unlisten: () => void;

  beforeEach(() => {
    document.body.innerHTML = '<div id="rf-root"></div>';
    root = document.getElementById('rf-root')!;
    events = [];
    const sink: EventSink = {
      event: (target, name, args) => events.push({ target, name, args: args as Record<string, unknown> }),
      navigate: () => {},
    };
    unlisten = listen(root, sink);
  });

  afterEach(() => unlisten());

  it('sends a wheel with its deltas and a pointer move with its pointer fields', () => {
    root.innerHTML = '<div data-rf="w" data-rf-on="wheel pointermove"><span>in</span></div>';
    const span = root.querySelector('span')!;
    const wheel = new MouseEvent('wheel', { bubbles: true, clientX: 4 });
    Object.assign(wheel, { deltaY: 120.5, deltaMode: 0 });
    span.dispatchEvent(wheel);
    const move = new MouseEvent('pointermove', { bubbles: true, clientX: 9 });
    Object.assign(move, { pointerId: 7, pointerType: 'pen', pressure: 0.5, isPrimary: true });
    span.dispatchEvent(move);

    expect(events.map((e) => e.name)).toEqual(['wheel', 'pointermove']);
    expect(events[0]!.args).toMatchObject({ deltaY: 120.5, deltaMode: 0, clientX: 4, type: 'wheel' });
    expect(events[1]!.args).toMatchObject({ pointerId: 7, pointerType: 'pen', pressure: 0.5, isPrimary: true, clientX: 9 });
  });

  it('sends a drop with the names of the dropped files and the data types, never their contents', () => {
    root.innerHTML = '<div data-rf="d" data-rf-on="drop" data-rf-pd="drop dragover"></div>';
    const drop = richEvent('drop');
    Object.defineProperty(drop, 'cancelable', { value: true });
    root.firstElementChild!.dispatchEvent(drop);

    expect(events[0]!.args.dataTransfer).toEqual({
      dropEffect: 'move', effectAllowed: 'all', files: ['a.txt'], items: [{ kind: 'file', type: 'text/plain' }], types: ['Files'],
    });
  });

  it('catches events that do not bubble on their target only: mouseenter, scroll, toggle', () => {
    root.innerHTML = '<div data-rf="outer" data-rf-on="mouseenter scroll toggle">' +
      '<details data-rf="inner" data-rf-on="mouseenter scroll toggle"></details></div>';
    const inner = root.querySelector('details')!;
    for (const name of ['mouseenter', 'scroll', 'toggle']) {
      inner.dispatchEvent(new Event(name, { bubbles: false }));
    }

    expect(events.map((e) => `${e.target} ${e.name}`)).toEqual(['inner mouseenter', 'inner scroll', 'inner toggle']);
    expect(events[1]!.args).toEqual({});
  });

  it('catches a change a script dispatched without bubbles', () => {
    root.innerHTML = '<input data-rf="i" data-rf-on="change">';
    const input = root.querySelector('input')!;
    input.value = 'set by a date picker';
    input.dispatchEvent(new Event('change'));

    expect(events).toEqual([{ target: 'i', name: 'change', args: { value: 'set by a date picker' } }]);
  });

  it('handles a bubbling event once, in the bubble phase', () => {
    root.innerHTML = '<div data-rf="outer" data-rf-on="copy"><p data-rf="inner" data-rf-on="copy">x</p></div>';
    root.querySelector('p')!.dispatchEvent(new Event('copy', { bubbles: true }));

    expect(events.map((e) => `${e.target} ${e.name} ${String(e.args.type)}`)).toEqual(['inner copy copy', 'outer copy copy']);
  });

  it('raises a custom event registered with Blazor.registerCustomEventType under its browser event name', () => {
    registerCustomEventType('custompaste', {
      browserEventName: 'paste',
      createEventArgs: (event) => ({ eventTimestamp: 42, pastedData: (event as Event & { text: string }).text }),
    });
    root.innerHTML = '<input data-rf="i" data-rf-on="custompaste paste">';
    const paste = new Event('paste', { bubbles: true });
    Object.assign(paste, { text: 'hello' });
    root.querySelector('input')!.dispatchEvent(paste);

    expect(events).toEqual([
      { target: 'i', name: 'paste', args: { type: 'paste' } },
      { target: 'i', name: 'custompaste', args: { eventTimestamp: 42, pastedData: 'hello' } },
    ]);
  });

  it('listens to a custom event registered after the client started, whose browser event is its own name', () => {
    registerCustomEventType('slidechanged', { createEventArgs: (event) => ({ slide: (event as CustomEvent).detail }) });
    root.innerHTML = '<div data-rf="s" data-rf-on="slidechanged"></div>';
    root.firstElementChild!.dispatchEvent(new CustomEvent('slidechanged', { bubbles: true, detail: 3 }));

    expect(events).toEqual([{ target: 's', name: 'slidechanged', args: { slide: 3 } }]);
  });

  it('refuses to register an event twice or a standard event, as Blazor does', () => {
    registerCustomEventType('twice', {});
    expect(() => registerCustomEventType('twice', {})).toThrow("The event 'twice' is already registered.");
    expect(() => registerCustomEventType('click', {})).toThrow("The event 'click' is already registered.");
  });
});
