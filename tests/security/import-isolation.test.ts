import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { streamSheet } from "~/modules/catalog/export.server";
import { runCatalogImportIsolated } from "~/modules/catalog/import-runner.server";
import { getCatalogImport } from "~/modules/catalog/import.server";
import { productToRows, sheetColumns, TEMPLATE_LAYOUT, type SheetProduct } from "~/modules/catalog/spreadsheet-format";
import { LocalDiskStorage, setStorage } from "~/modules/catalog/storage.server";
import { forOrganization, unscopedDb } from "~/modules/db/index.server";
import { startQueue, stopQueue } from "~/modules/jobs/queue.server";
import { CSRF_COOKIE, csrfTokenFromCookieHeader, newCsrfCookieValue } from "~/modules/security/csrf.server";
import { createUserSession } from "~/modules/tenancy/session.server";
import { action as importAction } from "../../app/routes/$lang.orgs.$orgId.products.import";
import { setupTestDatabase, type TestDatabase } from "../support/database";
import { bombWorkbook, readZip, repeatedDeflate, writeZip } from "../support/zip";

/**
 * Issue 8 item 1: a 4.7 MB workbook whose shared strings expand to gigabytes killed the web process, and the
 * queue's retries killed it again. Now the upload refuses it from the archive's directory; what gets past that
 * (sizes that lie) is refused by the import's inflating check; and an import runs in a child process with its own
 * heap, so that whatever still exhausts memory ends the child, not this process, and the import is FAILED.
 */

let database: TestDatabase;
let uploads: string;
let org: string;
let cookie: string;
let csrf: string;
const context = { cspNonce: "" };

beforeAll(async () => {
  database = await setupTestDatabase();
  await startQueue(database.url);
  uploads = mkdtempSync(path.join(tmpdir(), "ponte-import-isolation-"));
  setStorage(new LocalDiskStorage(uploads));
  const user = await unscopedDb.user.create({ data: { email: "bomb@import.test", name: "Bomb", passwordHash: "x" } });
  const organization = await unscopedDb.organization.create({ data: { kind: "MANUFACTURER", name: "Zip Bombs Ltd", countryCode: "CN" } });
  await unscopedDb.membership.create({ data: { organizationId: organization.id, userId: user.id, role: "OWNER" } });
  const session = (await createUserSession(user.id, new Request("http://localhost/"))).split(";")[0]!;
  const csrfCookie = newCsrfCookieValue();
  org = organization.id;
  cookie = `${session}; ${CSRF_COOKIE}=${encodeURIComponent(csrfCookie)}`;
  csrf = csrfTokenFromCookieHeader(cookie)!;
});

afterAll(async () => {
  setStorage(undefined);
  await stopQueue();
  await database?.cleanup();
  rmSync(uploads, { recursive: true, force: true });
});

async function upload(name: string, bytes: Uint8Array, lang = "en") {
  const form = new FormData();
  form.set("csrf", csrf);
  form.set("file", new File([new Uint8Array(bytes)], name));
  const request = new Request(`http://localhost/${lang}/orgs/${org}/products/import`, { method: "POST", body: form, headers: { Cookie: cookie } });
  return importAction({ request, params: { lang, orgId: org }, context });
}

async function uploaded(name: string, bytes: Uint8Array): Promise<string> {
  const response = await upload(name, bytes);
  if (!(response instanceof Response)) throw new Error(`upload refused: ${JSON.stringify(response)}`);
  return new URL(response.headers.get("Location")!, "http://localhost").searchParams.get("id")!;
}

const storedFiles = () => readdirSync(uploads, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;

async function smallWorkbook(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Products");
  sheet.addRow(["product_ref", "sku", "name_en"]);
  sheet.addRow(["KT-1", "KT-1-110", "Kettle"]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function products(count: number, prefix: string): SheetProduct[] {
  return Array.from({ length: count }, (_, i) => ({
    ref: `${prefix}-${i}`,
    categorySlug: "kitchen-appliances",
    brandName: null,
    sourceLocale: "en",
    originCountry: "CN",
    hsCode: "851671",
    hsCodeCn: null,
    unitOfSale: "PIECE",
    packSize: 6,
    moq: 50,
    currencyCode: "USD",
    incoterm: "FOB",
    leadTimeDays: 20,
    sampleAvailable: false,
    samplePriceMinor: null,
    translations: { en: { name: `Kettle ${prefix} ${i}`, shortDescription: "", longDescription: "", specifications: [], source: "HUMAN" } },
    variants: [{ sku: `${prefix}-${i}-110`, voltage: "127V", plugType: "N", color: "Silver", capacity: "1.7 L", netWeightG: 950, grossWeightG: 1300, lengthMm: 240, widthMm: 180, heightMm: 260 }],
    priceTiers: [{ minQuantity: 50, unitPriceMinor: 1000n }],
    certifications: [],
  }));
}

async function csvOf(list: SheetProduct[]): Promise<Uint8Array> {
  const rows = list.flatMap((p) => productToRows(p, 2));
  return new Uint8Array(await new Response(streamSheet("csv", sheetColumns(TEMPLATE_LAYOUT), (async function* () { yield* rows; })(), null)).arrayBuffer());
}

describe("an XLSX bomb", () => {
  it("is refused at upload from its directory alone: 413 in the user's language, nothing stored", async () => {
    const bomb = await bombWorkbook(await smallWorkbook());
    expect(bomb.length).toBeLessThan(10 * 1024 * 1024);
    const refused = (await upload("catalog.xlsx", bomb, "pt")) as unknown as { data: { formError: string }; init: { status: number } };
    expect(refused.init.status).toBe(413);
    expect(refused.data.formError).toBe("Esta planilha se expande além do que uma importação pode ler (no máximo 256 MB descompactados e 1.500.000 células). Divida-a em vários arquivos.");
    expect(await forOrganization(org).catalogImport.count()).toBe(0);
    expect(storedFiles()).toBe(0);
  });

  it("that lies about its sizes passes the upload, then fails 'expands' in the import before ExcelJS reads it", async () => {
    const entries = await readZip(await smallWorkbook());
    const lying = writeZip([
      ...entries.filter((e) => e.name !== "xl/sharedStrings.xml").map((e) => ({ name: e.name, data: e.data })),
      // 4.2 GB of shared strings declared as 900 kB.
      { name: "xl/sharedStrings.xml", deflated: repeatedDeflate("<sst>", `<si><t>${"A".repeat(2 * 1024 * 1024)}</t></si>`, 2000, "</sst>"), declaredUncompressedSize: 900 * 1024 },
    ]);
    const importId = await uploaded("catalog.xlsx", lying);
    const outcome = await runCatalogImportIsolated(importId);
    expect(outcome.code).toBe(0);
    expect(await getCatalogImport(forOrganization(org), importId)).toMatchObject({ status: "FAILED", failureCode: "expands", createdCount: 0 });
    expect(storedFiles()).toBe(0);
  });
});

describe("an import in its own process", () => {
  it("imports a file, reaching the database through this process's URL", async () => {
    const importId = await uploaded("kettles.csv", await csvOf(products(3, "OK")));
    const progress: unknown[] = [];
    const outcome = await runCatalogImportIsolated(importId, { onSpawn: (child) => child.on("message", (m) => progress.push(m)) });
    expect(outcome).toMatchObject({ code: 0, outOfMemory: false });
    expect(await getCatalogImport(forOrganization(org), importId)).toMatchObject({ status: "SUCCEEDED", createdCount: 3 });
    expect(progress).toContainEqual({ kind: "progress", organizationId: org, progress: { importId, status: "SUCCEEDED", phase: "done", processedRows: 3, totalRows: 3 } });
  });

  it("that runs out of its heap ends FAILED ('memory') and this process carries on", async () => {
    // 10,000 rows of long descriptions: fine for the default heap, far too much for 48 MB.
    const long = "Stainless steel kettle with automatic shut-off and boil-dry protection. ".repeat(10);
    const list = products(10_000, "MEM").map((p) => ({ ...p, translations: { en: { ...p.translations.en!, longDescription: long } } }));
    const importId = await uploaded("big.csv", await csvOf(list));
    const outcome = await runCatalogImportIsolated(importId, { memoryMb: 48 });
    expect(outcome.outOfMemory).toBe(true);
    expect(outcome.code).not.toBe(0);
    expect(await getCatalogImport(forOrganization(org), importId)).toMatchObject({ status: "FAILED", failureCode: "memory", createdCount: 0 });
    expect(await forOrganization(org).product.count({ where: { slug: { startsWith: "kettle-mem" } } })).toBe(0);
    // The slot is free again: the next upload is accepted.
    const next = await uploaded("kettles.csv", await csvOf(products(1, "AFTER")));
    expect((await runCatalogImportIsolated(next)).code).toBe(0);
  });

  it("killed in the middle ends FAILED ('interrupted') with its committed batches undone", async () => {
    const before = await forOrganization(org).product.count();
    const importId = await uploaded("kettles.csv", await csvOf(products(160, "KILL")));
    let killedAt = 0;
    const outcome = await runCatalogImportIsolated(importId, {
      onSpawn: (child) =>
        child.on("message", (m: { progress: { phase: string; processedRows: number } }) => {
          if (killedAt === 0 && m.progress.phase === "saving" && m.progress.processedRows > 0) {
            killedAt = m.progress.processedRows;
            child.kill("SIGKILL");
          }
        }),
    });
    expect(outcome.signal).toBe("SIGKILL");
    expect(killedAt).toBeGreaterThan(0);
    expect(killedAt).toBeLessThan(160);
    expect(await getCatalogImport(forOrganization(org), importId)).toMatchObject({ status: "FAILED", failureCode: "interrupted" });
    expect(await forOrganization(org).product.count()).toBe(before);
    expect(await forOrganization(org).catalogImportChange.count()).toBe(0);
  });
});
