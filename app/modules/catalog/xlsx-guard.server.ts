import yauzl, { type Entry, type ZipFile } from "yauzl";

/**
 * An XLSX file is a ZIP archive, and a few megabytes of ZIP can expand to gigabytes (a "zip bomb": 2,400 shared
 * strings of 2 MB each fit in a 4.7 MB upload). Before ExcelJS reads a workbook, its archive is inspected here
 * with yauzl, which reads the central directory without inflating anything:
 *
 * - at most `maxEntries` entries, each with an ordinary part name (no absolute paths, `..`, backslashes, control
 *   characters or duplicates), stored or deflated, not encrypted;
 * - each entry at most `maxEntryBytes` uncompressed and, past `ratioFreeBytes`, at most `maxRatio` times its
 *   compressed size; all entries together at most `maxTotalBytes`;
 * - the entries tile the file from its first byte to the central directory, and each local header names the same
 *   part as the directory: ExcelJS reads the local headers in order, so nothing can hide from this check.
 *
 * With `inflate`, every entry is also inflated into a counter (nothing kept): yauzl refuses an entry whose data
 * expands past the size its directory declared, so the bounds above hold for the bytes ExcelJS will see.
 */

export interface ArchiveLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  maxRatio: number;
  /** Entries smaller than this may compress better than `maxRatio` (tiny, repetitive XML parts). */
  ratioFreeBytes: number;
  maxNameLength: number;
}

/**
 * A catalog of 10,000 rows × 61 columns written by Excel is ~35 MB of sheet XML and ~20 MB of shared strings, and
 * compresses 8–15×; these bounds leave it room several times over and stop a bomb long before it costs memory.
 */
export const XLSX_LIMITS: ArchiveLimits = {
  maxEntries: 256,
  maxEntryBytes: 134_217_728, // 128 MiB
  maxTotalBytes: 268_435_456, // 256 MiB
  maxRatio: 100,
  ratioFreeBytes: 1_048_576, // 1 MiB
  maxNameLength: 255,
};

/** "archive": not an ordinary workbook (damaged, encrypted, odd names); "expands": past a size bound. */
export type ArchiveProblem = "archive" | "expands";

export class ArchiveRefusedError extends Error {
  constructor(
    readonly problem: ArchiveProblem,
    readonly detail: string,
  ) {
    super(`xlsx archive refused (${problem}): ${detail}`);
    this.name = "ArchiveRefusedError";
  }
}

export interface ArchiveSummary {
  entries: number;
  uncompressedBytes: number;
}

/** Why an entry's name is refused, or null when it is an ordinary part name. */
export function entryNameProblem(name: string, maxLength = XLSX_LIMITS.maxNameLength): string | null {
  if (name.length === 0) return "empty name";
  if (name.length > maxLength) return "name too long";
  const segments = (name.endsWith("/") ? name.slice(0, -1) : name).split("/");
  for (const segment of segments) {
    if (segment === "" || segment === "." || segment === "..") return `odd path: ${name}`;
    // Characters of OPC part names as Excel, LibreOffice and ExcelJS write them.
    if (!/^[A-Za-z0-9._\-[\]%~]+$/.test(segment)) return `odd characters: ${JSON.stringify(name)}`;
  }
  return null;
}

/** Why an entry's declared sizes are refused, or null. */
export function entrySizeProblem(compressed: number, uncompressed: number, limits: ArchiveLimits = XLSX_LIMITS): string | null {
  if (uncompressed > limits.maxEntryBytes) return `entry expands to ${uncompressed} bytes`;
  if (uncompressed > limits.ratioFreeBytes && uncompressed > compressed * limits.maxRatio) return `entry expands ${Math.round(uncompressed / Math.max(1, compressed))}×`;
  return null;
}

const LOCAL_HEADER = 30;
const USES_DATA_DESCRIPTOR = 0x0008;
const STORED = 0;
const DEFLATED = 8;

function refuse(problem: ArchiveProblem, detail: string): never {
  throw new ArchiveRefusedError(problem, detail);
}

async function open(bytes: Buffer): Promise<ZipFile> {
  try {
    // strictFileNames: a backslash is refused rather than read as a separator.
    return await yauzl.fromBufferPromise(bytes, { decodeStrings: true, validateEntrySizes: true, strictFileNames: true });
  } catch (error) {
    return refuse("archive", (error as Error).message);
  }
}

async function readEntries(zip: ZipFile, limits: ArchiveLimits): Promise<Entry[]> {
  if (zip.entryCount > limits.maxEntries) refuse("archive", `${zip.entryCount} entries`);
  const entries: Entry[] = [];
  const names = new Set<string>();
  let total = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      const nameProblem = entryNameProblem(entry.fileName, limits.maxNameLength);
      if (nameProblem) refuse("archive", nameProblem);
      const key = entry.fileName.toLowerCase();
      if (names.has(key)) refuse("archive", `duplicate entry ${entry.fileName}`);
      names.add(key);
      if (entry.isEncrypted()) refuse("archive", `encrypted entry ${entry.fileName}`);
      if (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED) refuse("archive", `compression method ${entry.compressionMethod}`);
      const sizeProblem = entrySizeProblem(entry.compressedSize, entry.uncompressedSize, limits);
      if (sizeProblem) refuse("expands", `${entry.fileName}: ${sizeProblem}`);
      total += entry.uncompressedSize;
      if (total > limits.maxTotalBytes) refuse("expands", `entries expand to more than ${limits.maxTotalBytes} bytes`);
      entries.push(entry);
    }
  } catch (error) {
    if (error instanceof ArchiveRefusedError) throw error;
    refuse("archive", (error as Error).message);
  }
  return entries;
}

/** Entries must follow one another from byte 0 to the central directory, local headers agreeing with it. */
function checkLayout(bytes: Buffer, entries: Entry[], centralDirectoryOffset: number) {
  const ordered = [...entries].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
  let expected = 0;
  for (const entry of ordered) {
    const at = entry.relativeOffsetOfLocalHeader;
    if (at !== expected) refuse("archive", `${entry.fileName} starts at ${at}, expected ${expected}`);
    if (at + LOCAL_HEADER > bytes.length || bytes.readUInt32LE(at) !== 0x04034b50) refuse("archive", `no local header for ${entry.fileName}`);
    const flags = bytes.readUInt16LE(at + 6);
    const method = bytes.readUInt16LE(at + 8);
    const nameLength = bytes.readUInt16LE(at + 26);
    const extraLength = bytes.readUInt16LE(at + 28);
    const localName = bytes.subarray(at + LOCAL_HEADER, at + LOCAL_HEADER + nameLength).toString("utf8");
    if (localName !== entry.fileName) refuse("archive", `local name ${JSON.stringify(localName)} differs from ${JSON.stringify(entry.fileName)}`);
    if (method !== entry.compressionMethod) refuse("archive", `local compression method of ${entry.fileName} differs`);
    let end = at + LOCAL_HEADER + nameLength + extraLength + entry.compressedSize;
    if (flags & USES_DATA_DESCRIPTOR) {
      // A stored entry of unknown length cannot be read in sequence without trusting a scan for a signature.
      if (method === STORED) refuse("archive", `stored entry ${entry.fileName} with a data descriptor`);
      // 16 bytes with its optional signature, 12 without.
      end += bytes.subarray(end, end + 4).equals(Buffer.from("PK\x07\x08", "latin1")) ? 16 : 12;
    }
    expected = end;
  }
  if (expected !== centralDirectoryOffset) refuse("archive", `${centralDirectoryOffset - expected} bytes between the entries and the directory`);
}

async function inflateAll(zip: ZipFile, entries: Entry[]) {
  for (const entry of entries) {
    try {
      const stream = await zip.openReadStreamPromise(entry);
      // Counted and dropped: yauzl itself fails the stream past the declared size.
      for await (const chunk of stream) void chunk;
    } catch (error) {
      refuse(/too many bytes|exceed/i.test((error as Error).message) ? "expands" : "archive", `${entry.fileName}: ${(error as Error).message}`);
    }
  }
}

/** Inspects an XLSX archive; throws ArchiveRefusedError past any bound. */
export async function inspectXlsxArchive(source: Uint8Array, options: { inflate?: boolean; limits?: ArchiveLimits } = {}): Promise<ArchiveSummary> {
  const limits = options.limits ?? XLSX_LIMITS;
  const bytes = Buffer.from(source.buffer, source.byteOffset, source.byteLength);
  const zip = await open(bytes);
  // yauzl's cursor starts at the central directory (not in its types).
  const centralDirectoryOffset = (zip as unknown as { readEntryCursor: number }).readEntryCursor;
  try {
    const entries = await readEntries(zip, limits);
    if (entries.length === 0) refuse("archive", "no entries");
    checkLayout(bytes, entries, centralDirectoryOffset);
    if (options.inflate) await inflateAll(zip, entries);
    return { entries: entries.length, uncompressedBytes: entries.reduce((sum, e) => sum + e.uncompressedSize, 0) };
  } finally {
    zip.close();
  }
}
