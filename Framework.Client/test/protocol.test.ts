import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode, JSNames, MessageType, PatchCode, ProtocolConstants } from '../src/protocol';

const codes = JSON.parse(
  readFileSync(resolve(__dirname, '../../tests/fixtures/protocol/codes.json'), 'utf8'),
);

describe('protocol constants', () => {
  it('match the patch codes the server declares', () => {
    expect(Object.entries(PatchCode)).toEqual(Object.entries(codes.patchCodes));
  });

  it('match the message types the server declares', () => {
    expect(Object.entries(MessageType)).toEqual(Object.entries(codes.messageTypes));
  });

  it('match the error codes the server declares', () => {
    expect(Object.entries(ErrorCode)).toEqual(Object.entries(codes.errorCodes));
  });

  it('match the shared names the server declares', () => {
    expect(Object.entries(ProtocolConstants)).toEqual(Object.entries(codes.constants));
  });

  it('match the interop words the server declares', () => {
    expect(Object.entries(JSNames)).toEqual(Object.entries(codes.interop));
  });

  it('cover every section of codes.json', () => {
    expect(Object.keys(codes)).toEqual(['patchCodes', 'messageTypes', 'errorCodes', 'constants', 'interop']);
  });
});
