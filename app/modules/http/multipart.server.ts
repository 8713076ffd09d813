import { MaxPartSizeExceededError, unstable_parseMultipartFormData } from "@remix-run/node";
import { foldFormData } from "./fold-codes";

export interface MultipartLimits {
  /** Parts that carry a file name (an empty file input sends one with an empty name: not counted). */
  maxFiles: number;
  maxFileBytes: number;
  /** The whole body, parts, boundaries and text fields included. */
  maxTotalBytes: number;
  /** Each text field; forms without long texts keep the default. */
  maxFieldBytes?: number;
}

export type MultipartRefusal = "too_large" | "file_too_large" | "too_many_files" | "unreadable";
export type MultipartResult = { ok: true; form: FormData; bytesRead: number } | { ok: false; error: MultipartRefusal; status: 400 | 413 | 415; bytesRead: number };

const DEFAULT_FIELD_BYTES = 64 * 1024;
// After a refusal the rest of the body is read and dropped, so the connection can carry the answer; past this much
// more the stream is cancelled (the socket closes): nobody gets to stream gigabytes at us for free.
const DRAIN_BYTES = 16 * 1024 * 1024;

class LimitExceeded extends Error {
  constructor(readonly refusal: MultipartRefusal) {
    super(refusal);
  }
}

/**
 * The one way to read an upload: refuses a declared Content-Length past `maxTotalBytes` before reading a byte, counts
 * the bytes as they stream and stops at the cap, refuses a file past `maxFileBytes` or one file too many as soon as
 * its part starts. Memory stays bounded by the limits whatever the client sends.
 */
export async function readMultipart(request: Request, limits: MultipartLimits): Promise<MultipartResult> {
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!/^multipart\/form-data\s*;\s*boundary=/i.test(contentType) || !request.body) {
    discardBody(request.body);
    return { ok: false, error: "unreadable", status: 415, bytesRead: 0 };
  }
  const declared = Number(request.headers.get("Content-Length"));
  if (Number.isFinite(declared) && declared > limits.maxTotalBytes) {
    drain(request.body);
    return { ok: false, error: "too_large", status: 413, bytesRead: 0 };
  }

  const counter = { bytes: 0 };
  const body = bounded(request.body, limits.maxTotalBytes, counter);
  const bodyRequest = new Request(request.url, { method: "POST", headers: { "Content-Type": contentType }, body, duplex: "half" } as RequestInit);
  let files = 0;
  const maxFieldBytes = limits.maxFieldBytes ?? DEFAULT_FIELD_BYTES;
  try {
    const form = await unstable_parseMultipartFormData(bodyRequest, async ({ name, filename, contentType: type, data }) => {
      const isFile = typeof filename === "string";
      if (isFile && filename !== "" && ++files > limits.maxFiles) throw new LimitExceeded("too_many_files");
      const max = isFile ? limits.maxFileBytes : maxFieldBytes;
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let size = 0;
      for await (const chunk of data) {
        size += chunk.byteLength;
        if (size > max) throw isFile ? new LimitExceeded("file_too_large") : new MaxPartSizeExceededError(name, max);
        chunks.push(new Uint8Array(chunk));
      }
      if (isFile) return new File(chunks, filename, { type });
      return new TextDecoder().decode(Buffer.concat(chunks));
    });
    // Full-width ids, codes and numbers are folded for uploads' fields too (fold-codes.ts).
    return { ok: true, form: foldFormData(form), bytesRead: counter.bytes };
  } catch (error) {
    // A malformed body (no closing boundary, a broken header) is the client's fault too: 400, not 500.
    const refusal: MultipartRefusal = error instanceof LimitExceeded ? error.refusal : error instanceof MaxPartSizeExceededError ? "too_large" : "unreadable";
    return { ok: false, error: refusal, status: refusal === "unreadable" ? 400 : 413, bytesRead: counter.bytes };
  }
}

/** Passes chunks through while the total stays within `max`; past it, errors and drops the rest. */
function bounded(source: ReadableStream<Uint8Array>, max: number, counter: { bytes: number }): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  let finished = false;
  const stop = () => {
    if (finished) return;
    finished = true;
    reader.releaseLock();
    drain(source);
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        controller.close();
        return;
      }
      counter.bytes += value.byteLength;
      if (counter.bytes > max) {
        controller.error(new LimitExceeded("too_large"));
        stop();
        return;
      }
      controller.enqueue(value);
    },
    // The parser gave up (a limit, a malformed part): the rest of the body is not ours to keep.
    cancel: stop,
  });
}

/**
 * After a refusal: reads and discards up to DRAIN_BYTES more, then cancels (which closes the socket). Left unread,
 * the body would stall the keep-alive connection, and the browser's next request on it would fail.
 */
/**
 * The whole body of a request, or null when it declares or turns out to be larger than `maxBytes` (the rest is
 * drained, so the connection stays usable). The one bounded reader for forms and webhooks.
 */
export async function readBodyUpTo(request: Request, maxBytes: number): Promise<Buffer | null> {
  const declared = Number(request.headers.get("Content-Length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    discardBody(request.body);
    return null;
  }
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      reader.releaseLock();
      discardBody(request.body);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export function discardBody(source: ReadableStream<Uint8Array> | null) {
  if (source) drain(source);
}

function drain(source: ReadableStream<Uint8Array>) {
  if (source.locked) return;
  const reader = source.getReader();
  void (async () => {
    let dropped = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        dropped += value.byteLength;
        if (dropped > DRAIN_BYTES) {
          await reader.cancel();
          return;
        }
      }
    } catch {
      // The client went away: nothing left to drop.
    }
  })();
}
