import { constants, crc32, deflateRawSync } from "node:zlib";
import yauzl from "yauzl";

/**
 * A minimal ZIP writer for tests that need archives no honest tool writes: entries whose directory lies about
 * their size, names a local header disagrees with, gaps, and "zip bombs" (gigabytes of repeated text in a few
 * megabytes, built by repeating one deflated block instead of compressing gigabytes).
 */

export interface Deflated {
  /** Raw deflate data (a complete stream). */
  compressed: Buffer;
  uncompressedSize: number;
  crc: number;
}

export interface ZipEntrySpec {
  name: string;
  /** Plain content (deflated here), or already-deflated content. */
  data?: Uint8Array | string;
  deflated?: Deflated;
  store?: boolean;
  /** What the central directory claims instead of the truth. */
  declaredUncompressedSize?: number;
  /** A different name in the local header than in the directory. */
  localName?: string;
  encrypted?: boolean;
  dataDescriptor?: boolean;
  /** Write the data descriptor without its optional signature (12 bytes instead of 16). */
  bareDescriptor?: boolean;
  /** An extra field in the local header only (as some writers add). */
  localExtra?: Uint8Array;
  /** Bytes of nothing after the entry, before the next one. */
  gapAfter?: number;
}

export function deflate(data: Uint8Array | string): Deflated {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : Buffer.from(data);
  return { compressed: deflateRawSync(bytes), uncompressedSize: bytes.length, crc: crc32(bytes) };
}

/**
 * `prefix`, then `unit` repeated `times`, then `suffix`, deflated by compressing each part once (sync-flushed
 * blocks can be concatenated) and repeating the unit's blocks. The CRC is left 0: nothing checks it before the
 * guard refuses the entry.
 */
export function repeatedDeflate(prefix: string, unit: string, times: number, suffix: string): Deflated {
  const flush = { finishFlush: constants.Z_SYNC_FLUSH };
  const head = deflateRawSync(Buffer.from(prefix), flush);
  const body = deflateRawSync(Buffer.from(unit), flush);
  const tail = deflateRawSync(Buffer.from(suffix));
  return {
    compressed: Buffer.concat([head, ...Array.from({ length: times }, () => body), tail]),
    uncompressedSize: Buffer.byteLength(prefix) + Buffer.byteLength(unit) * times + Buffer.byteLength(suffix),
    crc: 0,
  };
}

export function writeZip(entries: ZipEntrySpec[], options: { gapBeforeDirectory?: number } = {}): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const content = entry.deflated ?? (entry.store ? { compressed: Buffer.from(entry.data ?? ""), uncompressedSize: Buffer.byteLength(entry.data ?? ""), crc: crc32(Buffer.from(entry.data ?? "")) } : deflate(entry.data ?? ""));
    const method = entry.store ? 0 : 8;
    const flags = 0x0800 | (entry.encrypted ? 0x0001 : 0) | (entry.dataDescriptor ? 0x0008 : 0);
    const name = Buffer.from(entry.name, "utf8");
    const localName = Buffer.from(entry.localName ?? entry.name, "utf8");
    const size = entry.declaredUncompressedSize ?? content.uncompressedSize;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(entry.dataDescriptor ? 0 : content.crc, 14);
    local.writeUInt32LE(entry.dataDescriptor ? 0 : content.compressed.length, 18);
    local.writeUInt32LE(entry.dataDescriptor ? 0 : size, 22);
    local.writeUInt16LE(localName.length, 26);
    local.writeUInt16LE(entry.localExtra?.length ?? 0, 28);
    const parts = [local, localName, Buffer.from(entry.localExtra ?? []), content.compressed];
    if (entry.dataDescriptor) {
      const descriptor = Buffer.alloc(16);
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(content.crc, 4);
      descriptor.writeUInt32LE(content.compressed.length, 8);
      descriptor.writeUInt32LE(size, 12);
      parts.push(entry.bareDescriptor ? descriptor.subarray(4) : descriptor);
    }
    parts.push(Buffer.alloc(entry.gapAfter ?? 0));
    const record = Buffer.concat(parts);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(content.crc, 16);
    central.writeUInt32LE(content.compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    directory.push(central, name);
    locals.push(record);
    offset += record.length;
  }
  const gap = Buffer.alloc(options.gapBeforeDirectory ?? 0);
  const directoryBytes = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directoryBytes.length, 12);
  end.writeUInt32LE(offset + gap.length, 16);
  return Buffer.concat([...locals, gap, directoryBytes, end]);
}

/** Every entry of an archive, inflated (for rebuilding a real workbook with one part replaced). */
export async function readZip(bytes: Uint8Array): Promise<{ name: string; data: Buffer }[]> {
  const zip = await yauzl.fromBufferPromise(Buffer.from(bytes));
  const entries: { name: string; data: Buffer }[] = [];
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    entries.push({ name: entry.fileName, data: Buffer.concat(chunks) });
  }
  zip.close();
  return entries;
}

/**
 * The probe's bomb: a real workbook whose xl/sharedStrings.xml is `strings` strings of `stringBytes` bytes each
 * (2,000 × 2 MiB ≈ 4.2 GB expanded, ~4 MB on disk).
 */
export async function bombWorkbook(workbook: Uint8Array, options: { strings?: number; stringBytes?: number } = {}): Promise<Buffer> {
  const strings = options.strings ?? 2000;
  const stringBytes = options.stringBytes ?? 2 * 1024 * 1024;
  const entries = await readZip(workbook);
  const sharedStrings = repeatedDeflate(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings}" uniqueCount="${strings}">`,
    `<si><t>${"A".repeat(stringBytes)}</t></si>`,
    strings,
    "</sst>",
  );
  const specs: ZipEntrySpec[] = entries.filter((e) => e.name !== "xl/sharedStrings.xml").map((e) => ({ name: e.name, data: e.data }));
  specs.push({ name: "xl/sharedStrings.xml", deflated: sharedStrings });
  return writeZip(specs);
}
