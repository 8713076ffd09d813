import { randomBytes } from "node:crypto";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { bombWorkbook, deflate, readZip, repeatedDeflate, writeZip, type ZipEntrySpec } from "../../../tests/support/zip";
import { streamSheet } from "./export.server";
import { sheetColumns, TEMPLATE_LAYOUT } from "./spreadsheet-format";
import { ArchiveRefusedError, entryNameProblem, entrySizeProblem, inspectXlsxArchive, XLSX_LIMITS, type ArchiveLimits } from "./xlsx-guard.server";

const MiB = 1024 * 1024;

async function excelWorkbook(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Products");
  sheet.addRow(["product_ref", "sku", "name_en"]);
  sheet.addRow(["KT-1", "KT-1-110", "Kettle"]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

async function exportedWorkbook(): Promise<Uint8Array> {
  const rows = (async function* () {
    yield { product_ref: "KT-1", sku: "KT-1-110", name_en: "Kettle" };
  })();
  return new Uint8Array(await new Response(streamSheet("xlsx", sheetColumns(TEMPLATE_LAYOUT), rows, null)).arrayBuffer());
}

async function refusal(bytes: Uint8Array, options: { inflate?: boolean; limits?: ArchiveLimits } = {}): Promise<ArchiveRefusedError> {
  const error = await inspectXlsxArchive(bytes, options).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ArchiveRefusedError);
  return error as ArchiveRefusedError;
}

const small: ArchiveLimits = { maxEntries: 3, maxEntryBytes: 1000, maxTotalBytes: 1500, maxRatio: 10, ratioFreeBytes: 100, maxNameLength: 20 };
/** Incompressible-ish text: the ratio stays low. */
const noise = (length: number) => Array.from({ length }, (_, i) => String.fromCharCode(33 + ((i * 7919 + (i >> 3) * 104729) % 90))).join("");

describe("entry names", () => {
  it("accepts the part names Excel, LibreOffice and ExcelJS write", () => {
    for (const name of ["[Content_Types].xml", "_rels/.rels", "xl/worksheets/sheet1.xml", "xl/worksheets/_rels/sheet1.xml.rels", "docProps/app.xml", "xl/media/", "customXml/item%201.xml", "xl/~tmp-1.bin"]) {
      expect(entryNameProblem(name), name).toBeNull();
    }
  });

  it("refuses absolute, climbing, empty-segment, backslash, control and other odd names", () => {
    expect(entryNameProblem("")).toBe("empty name");
    for (const name of ["/xl/workbook.xml", "xl//workbook.xml", "./xl.xml", "xl/./a.xml", "xl/../../etc/passwd", "..", "xl/"]) {
      expect(entryNameProblem(name === "xl/" ? "xl//" : name), name).toBe(`odd path: ${name === "xl/" ? "xl//" : name}`);
    }
    for (const name of ["xl\\workbook.xml", "xl/work book.xml", "xl/a\u0000.xml", "C:/x.xml", "xl/é.xml", "xl/a\n.xml", "xl/a.xml ", "xl/ a.xml", "xl/bad name/", "xl/media/a b/"]) {
      expect(entryNameProblem(name), JSON.stringify(name)).toBe(`odd characters: ${JSON.stringify(name)}`);
    }
  });

  it("bounds the name's length, inclusively", () => {
    expect(entryNameProblem("a".repeat(XLSX_LIMITS.maxNameLength))).toBeNull();
    expect(entryNameProblem("a".repeat(XLSX_LIMITS.maxNameLength + 1))).toBe("name too long");
    expect(entryNameProblem("abc", 3)).toBeNull();
    expect(entryNameProblem("abcd", 3)).toBe("name too long");
  });
});

describe("entry sizes", () => {
  it("bounds an entry's uncompressed size, inclusively", () => {
    expect(entrySizeProblem(small.maxEntryBytes, small.maxEntryBytes, small)).toBeNull();
    expect(entrySizeProblem(small.maxEntryBytes, small.maxEntryBytes + 1, small)).toMatch(/expands to 1001 bytes/);
  });

  it("bounds the ratio past the ratio-free size, inclusively", () => {
    expect(entrySizeProblem(50, 500, small)).toBeNull(); // exactly 10×
    expect(entrySizeProblem(50, 501, small)).toMatch(/expands 10×/);
    expect(entrySizeProblem(1, 100, small)).toBeNull(); // 100× but small enough not to matter
    expect(entrySizeProblem(1, 101, small)).toMatch(/expands 101×/);
    expect(entrySizeProblem(0, 101, small)).toMatch(/expands 101×/);
    expect(entrySizeProblem(0, 0, small)).toBeNull();
  });

  it("defaults fit a large real catalog and stop a bomb: 128 MiB an entry, 100× past 1 MiB", () => {
    // 35 MB of sheet XML compressed 12×, 20 MB of shared strings compressed 5×.
    expect(entrySizeProblem(3 * MiB, 35 * MiB)).toBeNull();
    expect(entrySizeProblem(4 * MiB, 20 * MiB)).toBeNull();
    expect(entrySizeProblem(2 * 1024, 2 * MiB)).not.toBeNull();
    expect(entrySizeProblem(128 * MiB, 128 * MiB)).toBeNull();
    expect(entrySizeProblem(128 * MiB, 128 * MiB + 1)).toBe(`entry expands to ${128 * MiB + 1} bytes`);
    expect(entrySizeProblem(1, MiB)).toBeNull();
    expect(entrySizeProblem(1, MiB + 1)).toBe(`entry expands ${MiB + 1}×`);
    expect(entrySizeProblem(MiB, 100 * MiB)).toBeNull();
    expect(entrySizeProblem(MiB, 100 * MiB + 1)).toBe("entry expands 100×");
  });

  it("defaults bound the whole archive at 256 MiB and 256 entries", async () => {
    // Entries of 1.3 MB of noise declared as 86 MiB each (66×): two pass the directory check, three do not.
    const noisy = deflate(randomBytes(1_300_000));
    const entry = (i: number): ZipEntrySpec => ({ name: `xl/p${i}.bin`, deflated: noisy, declaredUncompressedSize: 86 * MiB });
    expect(await inspectXlsxArchive(writeZip([entry(1), entry(2)]))).toEqual({ entries: 2, uncompressedBytes: 172 * MiB });
    expect(await refusal(writeZip([entry(1), entry(2), entry(3)]))).toMatchObject({ problem: "expands", detail: `entries expand to more than ${256 * MiB} bytes` });
    const many = (n: number) => writeZip(Array.from({ length: n }, (_, i): ZipEntrySpec => ({ name: `xl/e${i}.xml`, data: "x" })));
    expect((await inspectXlsxArchive(many(256))).entries).toBe(256);
    expect(await refusal(many(257))).toMatchObject({ problem: "archive", detail: "257 entries" });
  });
});

describe("inspecting an archive", () => {
  it("passes workbooks written by ExcelJS, whole and streamed (data descriptors), and counts what they expand to", async () => {
    for (const bytes of [await excelWorkbook(), await exportedWorkbook()]) {
      const entries = await readZip(bytes);
      const summary = await inspectXlsxArchive(bytes, { inflate: true });
      expect(summary).toEqual({ entries: entries.length, uncompressedBytes: entries.reduce((sum, e) => sum + e.data.length, 0) });
    }
  });

  it("refuses the probe's bomb (2,000 shared strings of 2 MiB: 4.2 GB from 4 MB) from its directory alone", async () => {
    const bomb = await bombWorkbook(await excelWorkbook());
    expect(bomb.length).toBeLessThan(MAX_UPLOAD);
    const error = await refusal(bomb);
    expect(error.problem).toBe("expands");
    expect(error.detail).toMatch(/xl\/sharedStrings\.xml/);
  });

  it("refuses an entry whose data expands past what its directory declares, when inflating", async () => {
    const lying = writeZip([
      { name: "[Content_Types].xml", data: "<Types/>" },
      { name: "xl/sharedStrings.xml", deflated: repeatedDeflate("<sst>", "A".repeat(64 * 1024), 40, "</sst>"), declaredUncompressedSize: 2000 },
    ]);
    expect(await inspectXlsxArchive(lying)).toEqual({ entries: 2, uncompressedBytes: 2008 });
    expect(await refusal(lying, { inflate: true })).toMatchObject({ problem: "expands", detail: expect.stringMatching(/^xl\/sharedStrings\.xml: too many bytes in the stream/) });
    // Directory entries are inflated too (to nothing).
    expect(await inspectXlsxArchive(writeZip([{ name: "xl/", data: "" }, { name: "xl/a.xml", data: "x" }]), { inflate: true })).toEqual({ entries: 2, uncompressedBytes: 1 });
  });

  it("bounds entries, each entry and the total, inclusively", async () => {
    const three = [0, 1, 2].map((i): ZipEntrySpec => ({ name: `p${i}.xml`, data: noise(500) }));
    expect(await inspectXlsxArchive(writeZip(three), { limits: small, inflate: true })).toEqual({ entries: 3, uncompressedBytes: 1500 });
    expect(await refusal(writeZip([...three, { name: "p3.xml", data: "x" }]), { limits: small })).toMatchObject({ problem: "archive", detail: "4 entries" });
    const overTotal = await refusal(writeZip([...three.slice(0, 2), { name: "p2.xml", data: noise(501) }]), { limits: small });
    expect(overTotal).toMatchObject({ problem: "expands", detail: "entries expand to more than 1500 bytes" });
    expect(await inspectXlsxArchive(writeZip([{ name: "a.xml", data: noise(1000) }]), { limits: small })).toEqual({ entries: 1, uncompressedBytes: 1000 });
    expect((await refusal(writeZip([{ name: "a.xml", data: noise(1001) }]), { limits: small })).problem).toBe("expands");
    expect((await refusal(writeZip([{ name: "a.xml", data: "A".repeat(900) }]), { limits: small })).detail).toMatch(/^a\.xml: entry expands \d+×$/);
  });

  it("refuses odd names, duplicates, encryption, unknown compression and empty archives", async () => {
    const cases: [string, Buffer][] = [
      ["odd path", writeZip([{ name: "xl/./evil.xml", data: "x" }])],
      // yauzl itself refuses ".." (and absolute paths) while reading the directory.
      ["invalid relative path", writeZip([{ name: "xl/../../evil.xml", data: "x" }])],
      ["odd characters", writeZip([{ name: "xl/evil name.xml", data: "x" }])],
      ["duplicate entry", writeZip([{ name: "xl/a.xml", data: "x" }, { name: "XL/A.xml", data: "y" }])],
      ["encrypted entry", writeZip([{ name: "xl/a.xml", data: "x", encrypted: true }])],
      ["no entries", writeZip([])],
    ];
    for (const [detail, bytes] of cases) {
      const error = await refusal(bytes);
      expect(error.problem, detail).toBe("archive");
      expect(error.detail, detail).toContain(detail);
    }
    const bzip2 = writeZip([{ name: "xl/a.xml", data: "x" }]);
    bzip2.writeUInt16LE(12, 8); // local header
    bzip2.writeUInt16LE(12, bzip2.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 10); // directory
    expect(await refusal(bzip2)).toMatchObject({ problem: "archive", detail: "compression method 12", name: "ArchiveRefusedError", message: "xlsx archive refused (archive): compression method 12" });
    // yauzl reads a backslash as a separator unless told not to: refused instead.
    expect(await refusal(writeZip([{ name: "xl\\workbook.xml", data: "x" }]))).toMatchObject({ problem: "archive", detail: expect.stringMatching(/invalid characters in fileName/) });
    expect((await refusal(new TextEncoder().encode("product_ref,sku\nA,B\n"))).problem).toBe("archive");
    expect((await refusal(writeZip([{ name: "a.xml", data: "x" }]).subarray(0, 40))).problem).toBe("archive");
  });

  it("refuses archives whose local headers could show ExcelJS something the directory does not", async () => {
    const renamed = await refusal(writeZip([{ name: "xl/styles.xml", data: "x", localName: "xl/sharedStrings.xml" }]));
    expect(renamed).toMatchObject({ problem: "archive", detail: 'local name "xl/sharedStrings.xml" differs from "xl/styles.xml"' });
    const hidden = await refusal(writeZip([{ name: "a.xml", data: "x" }], { gapBeforeDirectory: 64 }));
    expect(hidden).toMatchObject({ problem: "archive", detail: "64 bytes between the entries and the directory" });
    const between = await refusal(writeZip([{ name: "a.xml", data: "x", gapAfter: 7 }, { name: "b.xml", data: "y" }]));
    expect(between).toMatchObject({ problem: "archive", detail: expect.stringMatching(/^b\.xml starts at \d+, expected \d+$/) });
    const stored = await refusal(writeZip([{ name: "a.xml", data: "x", store: true, dataDescriptor: true }]));
    expect(stored).toMatchObject({ problem: "archive", detail: "stored entry a.xml with a data descriptor" });
    const method = writeZip([{ name: "a.xml", data: "x" }]);
    method.writeUInt16LE(0, 8); // the local header says "stored", the directory "deflated"
    expect(await refusal(method)).toMatchObject({ problem: "archive", detail: "local compression method of a.xml differs" });
    // A local extra field, and descriptors with and without their signature, are read at their true length.
    const extra = new Uint8Array([0x55, 0x54, 0x05, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05]);
    expect(await inspectXlsxArchive(writeZip([{ name: "a.xml", data: "hello", localExtra: extra }, { name: "b.xml", data: "x", dataDescriptor: true, bareDescriptor: true }, { name: "c.xml", data: "y", dataDescriptor: true }]), { inflate: true })).toEqual({ entries: 3, uncompressedBytes: 7 });
    // A deflated entry with a data descriptor (as streaming writers make them) is fine, stored without one too.
    expect(await inspectXlsxArchive(writeZip([{ name: "a.xml", data: "hello", dataDescriptor: true }, { name: "b.xml", data: "hi", store: true }]), { inflate: true })).toEqual({ entries: 2, uncompressedBytes: 7 });
    // Entries listed out of file order are read in file order.
    const two = writeZip([{ name: "a.xml", data: "hello" }, { name: "b.xml", data: "world" }]);
    const directory = two.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const first = two.subarray(directory, directory + 46 + 5);
    const second = two.subarray(directory + 51, directory + 102);
    const swapped = Buffer.concat([two.subarray(0, directory), second, first, two.subarray(directory + 102)]);
    expect(await inspectXlsxArchive(swapped, { inflate: true })).toEqual({ entries: 2, uncompressedBytes: 10 });
    // A local header that is not one.
    const broken = writeZip([{ name: "a.xml", data: "hello" }, { name: "b.xml", data: "world" }]);
    broken.writeUInt32LE(0x12345678, broken.indexOf(Buffer.from("b.xml")) - 30);
    expect(await refusal(broken)).toMatchObject({ problem: "archive", detail: "no local header for b.xml" });
  });

  it("names a deflate stream that is not one as damaged, not as expanding", async () => {
    const garbage = { compressed: Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), uncompressedSize: 10, crc: 0 };
    const error = await refusal(writeZip([{ name: "a.xml", deflated: garbage }]), { inflate: true });
    expect(error).toMatchObject({ problem: "archive", detail: expect.stringMatching(/^a\.xml: /) });
    expect(deflate("x").uncompressedSize).toBe(1);
  });
});

const MAX_UPLOAD = 10 * MiB;
