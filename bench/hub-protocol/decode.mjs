// Times what a browser does with each hub frame before the client sees the server messages: the JSON protocol's
// JSON.parse of the text record, and the MessagePack protocol's decode (the same @msgpack/msgpack decoder
// @microsoft/signalr-protocol-msgpack uses). Input: a JSON file of [{page, action, json (text), msgpack (base64)}].
// Output: one JSON line per frame with nanoseconds per decode (the fastest of several rounds, formats alternating).
import { readFileSync } from "node:fs";
import { Decoder } from "@msgpack/msgpack";

const frames = JSON.parse(readFileSync(process.argv[2], "utf8"));
const rounds = Number(process.argv[3] ?? 9);
const repetitions = Number(process.argv[4] ?? 20000);
const decoder = new Decoder();
const textDecoder = new TextDecoder();

function time(work) {
  const started = process.hrtime.bigint();
  for (let i = 0; i < repetitions; i++) work();
  return Number(process.hrtime.bigint() - started) / repetitions;
}

// The varint length prefix, then the message, as the MessagePack hub protocol's parser reads it.
function messagePackBody(bytes) {
  let length = 0, shift = 0, offset = 0, b;
  do { b = bytes[offset++]; length |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80);
  return bytes.subarray(offset, offset + length);
}

for (const frame of frames) {
  const jsonBytes = new TextEncoder().encode(frame.json);
  const packed = Uint8Array.from(Buffer.from(frame.msgpack, "base64"));
  // Same content, or the comparison means nothing.
  const fromJson = JSON.parse(frame.json.slice(0, -1)).result;
  const fromPack = decoder.decode(messagePackBody(packed))[4];
  if (JSON.stringify(fromJson) !== JSON.stringify(fromPack)) throw new Error(`${frame.page} ${frame.action}: the frames differ`);
  let json = Infinity, msgpack = Infinity;
  for (let round = 0; round < rounds; round++) {
    // A WebSocket text message arrives as bytes too: decoding the UTF-8 is part of the JSON protocol's cost.
    json = Math.min(json, time(() => JSON.parse(textDecoder.decode(jsonBytes).slice(0, -1))));
    msgpack = Math.min(msgpack, time(() => decoder.decode(messagePackBody(packed))));
  }
  console.log(JSON.stringify({ page: frame.page, action: frame.action, jsonNs: json, msgpackNs: msgpack }));
}
