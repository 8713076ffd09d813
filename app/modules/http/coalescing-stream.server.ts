import { Transform, type TransformCallback } from "node:stream";

/**
 * React's server renderer writes a document in pieces of about 2 kB; each piece crossed a PassThrough, a web stream,
 * the response and a socket write of its own (~40 system calls for an 84 kB listing, a quarter of its CPU). This
 * stream gathers what is written within one turn of the event loop (React writes a ready shell synchronously) and
 * passes it on as one chunk, or sooner once `maxBytes` have gathered. Content that React streams later (a suspended
 * boundary) still goes out on the turn it is written, so streaming is kept.
 */
export function coalescingStream(maxBytes = 64 * 1024): Transform {
  let pending: Buffer[] = [];
  let size = 0;
  let scheduled: NodeJS.Immediate | null = null;
  const flush = (stream: Transform) => {
    if (scheduled) clearImmediate(scheduled);
    scheduled = null;
    // A reader gone (the visitor left): what was gathered goes nowhere.
    if (stream.destroyed) {
      pending = [];
      size = 0;
      return;
    }
    if (!size) return;
    const chunk = pending.length === 1 ? pending[0]! : Buffer.concat(pending, size);
    pending = [];
    size = 0;
    stream.push(chunk);
  };
  const stream: Transform = new Transform({
    transform(chunk: Buffer | string, encoding: BufferEncoding, done: TransformCallback) {
      const buffer = typeof chunk === "string" ? Buffer.from(chunk, encoding) : chunk;
      pending.push(buffer);
      size += buffer.length;
      if (size >= maxBytes) flush(stream);
      else if (!scheduled) scheduled = setImmediate(() => flush(stream));
      done();
    },
    flush(done: TransformCallback) {
      flush(stream);
      done();
    },
  });
  return stream;
}
