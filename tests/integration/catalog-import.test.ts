import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { streamSheet } from "~/modules/catalog/export.server";
import { failAbandonedImports, getCatalogImport, readSheet, runCatalogImport } from "~/modules/catalog/import.server";
import { productSearchFilter } from "~/modules/catalog/search.server";
import { productToRows, sheetColumns, TEMPLATE_LAYOUT, type SheetProduct } from "~/modules/catalog/spreadsheet-format";
import { LocalDiskStorage, setStorage } from "~/modules/catalog/storage.server";
import { forOrganization, unscopedDb } from "~/modules/db/index.server";
import { startQueue, stopQueue } from "~/modules/jobs/queue.server";
import { CSRF_COOKIE, csrfTokenFromCookieHeader, newCsrfCookieValue } from "~/modules/security/csrf.server";
import { createUserSession } from "~/modules/tenancy/session.server";
import { Prisma } from "~/generated/prisma/client";
import { loader as exportLoader } from "../../app/routes/$lang.orgs.$orgId.products.export";
import { action as importAction, loader as importLoader } from "../../app/routes/$lang.orgs.$orgId.products.import";
import { setupTestDatabase, type TestDatabase } from "../support/database";

/**
 * The bulk import end to end below the browser: the upload route (multipart, CSRF), the job, the database (PGlite
 * here, the PostgreSQL server in the "postgres" project), search and the export route.
 */

let database: TestDatabase;
/** What the Express server gives every loader and action. */
const context = { cspNonce: "" };
let uploads: string;
let makerOrg: string;
let otherOrg: string;
let makerCookie: string;
let otherCookie: string;
let makerUser: string;

async function account(email: string, orgName: string) {
  const user = await unscopedDb.user.create({ data: { email, name: orgName, passwordHash: "x" } });
  const org = await unscopedDb.organization.create({ data: { kind: "MANUFACTURER", name: orgName, countryCode: "CN" } });
  await unscopedDb.membership.create({ data: { organizationId: org.id, userId: user.id, role: "OWNER" } });
  const session = (await createUserSession(user.id, new Request("http://localhost/"))).split(";")[0]!;
  const csrf = newCsrfCookieValue();
  const cookie = `${session}; ${CSRF_COOKIE}=${encodeURIComponent(csrf)}`;
  // Signed in, the form token is bound to the session (security/csrf.server.ts).
  return { userId: user.id, orgId: org.id, cookie, csrfToken: csrfTokenFromCookieHeader(cookie)! };
}

let makerCsrf: string;

beforeAll(async () => {
  database = await setupTestDatabase();
  await startQueue(database.url);
  uploads = mkdtempSync(path.join(tmpdir(), "ponte-import-"));
  setStorage(new LocalDiskStorage(uploads));
  const maker = await account("maker@import.test", "Zhuhai Kettles");
  const other = await account("other@import.test", "Another Maker");
  makerOrg = maker.orgId;
  makerUser = maker.userId;
  makerCookie = maker.cookie;
  makerCsrf = maker.csrfToken;
  otherOrg = other.orgId;
  otherCookie = other.cookie;
  await forOrganization(makerOrg).brand.create({ data: { organizationId: makerOrg, name: "Gree-Lux", slug: "gree-lux" } });
});

afterAll(async () => {
  setStorage(undefined);
  await stopQueue();
  await database?.cleanup();
  rmSync(uploads, { recursive: true, force: true });
});

/** `count` products of two variants each (110 V / 220 V), priced in USD or CNY, in three languages (every other one's colour named in two). */
function catalog(count: number, options: { prefix?: string; priceBump?: number } = {}): SheetProduct[] {
  const prefix = options.prefix ?? "KT";
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(4, "0");
    const base = 1000 + i * 10 + (options.priceBump ?? 0);
    return {
      ref: `${prefix}-${n}`,
      categorySlug: i % 2 === 0 ? "kitchen-appliances" : "power-banks",
      brandName: i % 3 === 0 ? "Gree-Lux" : null,
      sourceLocale: "zh",
      originCountry: "CN",
      hsCode: i % 2 === 0 ? "851671" : "850760",
      hsCodeCn: null,
      unitOfSale: "PIECE",
      packSize: 6,
      moq: 50,
      currencyCode: i % 2 === 0 ? "USD" : "CNY",
      incoterm: "FOB",
      leadTimeDays: 20,
      sampleAvailable: i % 4 === 0,
      samplePriceMinor: i % 4 === 0 ? 2500n : null,
      translations: {
        zh: { name: `电热水壶 ${prefix} ${n}`, shortDescription: "不锈钢", longDescription: "", specifications: [{ label: "容量", value: "1.7 L" }], source: "HUMAN" },
        pt: { name: `Chaleira elétrica ${prefix} ${n}`, shortDescription: "Aço inox", longDescription: "Desligamento automático.", specifications: [], source: "HUMAN" },
        en: { name: `Electric kettle ${prefix} ${n}`, shortDescription: "", longDescription: "", specifications: [], source: "MACHINE" },
      },
      variants: [
        { sku: `${prefix}-${n}-110`, voltage: "127V", plugType: "N", color: "Silver", colorNames: i % 2 === 0 ? { zh: "银色", pt: "Prata" } : undefined, capacity: "1.7 L", netWeightG: 950, grossWeightG: 1300, lengthMm: 240, widthMm: 180, heightMm: 260 },
        { sku: `${prefix}-${n}-220`, voltage: "220V", plugType: "N", color: "Silver", capacity: "1.7 L", netWeightG: 950, grossWeightG: 1300, lengthMm: 240, widthMm: 180, heightMm: 260 },
      ],
      priceTiers: [
        { minQuantity: 50, unitPriceMinor: BigInt(base) },
        { minQuantity: 200, unitPriceMinor: BigInt(base - 50) },
      ],
      certifications: i % 5 === 0 ? [{ schemeCode: "INMETRO", number: `0${n}/2025`, expiresOn: new Date(Date.UTC(2028, 0, 31)) }] : [],
    } satisfies SheetProduct;
  });
}

const rowsOf = (products: SheetProduct[]) => products.flatMap((p) => productToRows(p, 2));

async function csv(records: Record<string, string>[]): Promise<Uint8Array> {
  const stream = streamSheet("csv", sheetColumns(TEMPLATE_LAYOUT), (async function* () { yield* records; })(), null);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Uploads through the route's action like the browser's form does; answers the import's id. */
async function upload(name: string, bytes: Uint8Array, cookie = makerCookie, csrf = makerCsrf, orgId = makerOrg) {
  const form = new FormData();
  form.set("csrf", csrf);
  form.set("file", new File([new Uint8Array(bytes)], name, { type: "text/csv" }));
  const request = new Request(`http://localhost/en/orgs/${orgId}/products/import`, { method: "POST", body: form, headers: { Cookie: cookie } });
  const response = await importAction({ request, params: { lang: "en", orgId }, context });
  if (!(response instanceof Response)) throw new Error(`upload refused: ${JSON.stringify(response)}`);
  expect(response.status).toBe(302);
  const importId = new URL(response.headers.get("Location")!, "http://localhost").searchParams.get("id")!;
  const record = await forOrganization(orgId).catalogImport.findUniqueOrThrow({ where: { id: importId } });
  expect(record.status).toBe("QUEUED");
  return importId;
}

async function importNow(name: string, bytes: Uint8Array) {
  const importId = await upload(name, bytes);
  await runCatalogImport(importId);
  return (await getCatalogImport(forOrganization(makerOrg), importId))!;
}

async function productCount() {
  return forOrganization(makerOrg).product.count();
}

async function exportCsvRows(): Promise<Record<string, string>[]> {
  const request = new Request(`http://localhost/en/orgs/${makerOrg}/products/export?format=csv`, { headers: { Cookie: makerCookie } });
  const response = (await exportLoader({ request, params: { lang: "en", orgId: makerOrg }, context })) as Response;
  expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
  const sheet = await readSheet("csv", new Uint8Array(await response.arrayBuffer()));
  expect(sheet.headerErrors).toEqual([]);
  return sheet.rows.map((r) => r.cells);
}

/** Sheet rows with the columns that are empty left out, as the reader gives them. */
const compact = (records: Record<string, string>[]) => records.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== "")));

describe("importing a valid file", () => {
  let products: SheetProduct[];

  it("creates every product in one go, searchable, and the export gives the same rows back", async () => {
    products = catalog(25);
    const result = await importNow("kettles.csv", await csv(rowsOf(products)));
    expect(result).toMatchObject({ status: "SUCCEEDED", totalRows: 50, processedRows: 50, createdCount: 25, updatedCount: 0, failureCode: null, rowErrors: [] });
    expect(await productCount()).toBe(25);
    expect(await forOrganization(makerOrg).productVariant.count()).toBe(50);
    const named = await forOrganization(makerOrg).productVariant.findUniqueOrThrow({ where: { organizationId_sku: { organizationId: makerOrg, sku: "KT-0001-110" } }, select: { color: true, colorNames: true } });
    expect(named).toEqual({ color: "Silver", colorNames: { zh: "银色", pt: "Prata" } });

    // Searchable: the search vectors were built in the same transaction (Portuguese stemming: "chaleiras").
    const filter = (await productSearchFilter("chaleiras 0007", "pt"))!;
    const found = await unscopedDb.$queryRaw<{ slug: string }[]>(Prisma.sql`SELECT p.slug FROM "Product" p WHERE p."organizationId" = ${makerOrg}::uuid AND ${filter.match}`);
    expect(found).toHaveLength(1);

    // The export is the file that was imported, product_ref aside (the export names products by their slug).
    const slugs = new Map((await forOrganization(makerOrg).productVariant.findMany({ select: { sku: true, product: { select: { slug: true } } } })).map((v) => [v.sku, v.product.slug]));
    const expected = compact(rowsOf(products)).map((r) => ({ ...r, product_ref: slugs.get(r.sku!)! }));
    expect(await exportCsvRows()).toEqual(expected);
  });

  it("re-importing the file updates the products instead of duplicating them", async () => {
    const changed = catalog(25, { priceBump: 7 });
    const result = await importNow("kettles-v2.csv", await csv(rowsOf(changed)));
    expect(result).toMatchObject({ status: "SUCCEEDED", createdCount: 0, updatedCount: 25 });
    expect(await productCount()).toBe(25);
    const variant = await forOrganization(makerOrg).productVariant.findFirstOrThrow({ where: { sku: "KT-0003-110" }, select: { product: { select: { priceTiers: { orderBy: { minQuantity: "asc" } }, priceChanges: true } } } });
    expect(variant.product.priceTiers.map((t) => t.unitPriceMinor)).toEqual([1027n, 977n]);
    // The price change is in the product's history, by the user who uploaded the file.
    expect(variant.product.priceChanges).toHaveLength(2);
    expect(variant.product.priceChanges.some((c) => c.changedById === makerUser)).toBe(true);

    // The export of an export re-imports as pure updates too.
    const exported = await exportCsvRows();
    const again = await importNow("export.csv", await csv(exported));
    expect(again).toMatchObject({ status: "SUCCEEDED", createdCount: 0, updatedCount: 25 });
    expect(await exportCsvRows()).toEqual(exported);
  });

  it("an Excel export uploads back as an XLSX file and changes nothing", async () => {
    const before = await exportCsvRows();
    const request = new Request(`http://localhost/en/orgs/${makerOrg}/products/export?format=xlsx`, { headers: { Cookie: makerCookie } });
    const response = (await exportLoader({ request, params: { lang: "en", orgId: makerOrg }, context })) as Response;
    expect(response.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const result = await importNow("products.xlsx", new Uint8Array(await response.arrayBuffer()));
    expect(result).toMatchObject({ status: "SUCCEEDED", totalRows: 50, createdCount: 0, updatedCount: 25 });
    expect(await exportCsvRows()).toEqual(before);
  });
});

describe("a file with bad rows", () => {
  it("writes nothing and reports exactly the rejected rows, with codes", async () => {
    const before = await exportCsvRows();
    // 25 products, 50 rows: 10 updates of existing products and 15 new ones, three rows broken.
    const records = rowsOf([...catalog(10, { priceBump: 99 }), ...catalog(15, { prefix: "NEW" })]);
    records[4] = { ...records[4]!, gross_weight_g: "10" }; // row 6: lighter than the net weight
    records[20] = { ...records[20]!, hs_code: "12" }; // row 22: not an HS code (its sibling row 23 repeats it)
    records[21] = { ...records[21]!, hs_code: "12" };
    records[30] = { ...records[30]!, hs_code: "853950" }; // rows 32-33: LED lamps' HS 2017 code, gone in HS 2022
    records[31] = { ...records[31]!, hs_code: "853950" };
    records[41] = { ...records[41]!, tier1_price: "12.345" }; // rows 42-43 (one product): three decimals in USD
    records[40] = { ...records[40]!, tier1_price: "12.345" };
    const result = await importNow("broken.csv", await csv(records));
    expect(result.status).toBe("FAILED");
    expect(result.failureCode).toBe("rows");
    expect(result.rowErrors.map((e) => [e.row, e.column, e.code])).toEqual([
      [6, "gross_weight_g", "catalog.validation.grossBelowNet"],
      [22, "hs_code", "catalog.validation.hsCode"],
      [32, "hs_code", "importer.errors.hsCodeUnknown"],
      [42, "tier1_price", "importer.errors.decimal"],
    ]);
    expect(result.rowErrors[3]).toMatchObject({ value: "12.345", params: { decimals: 2 } });
    expect(result.createdCount + result.updatedCount).toBe(0);
    // Nothing written: not the 15 new products, not the 10 price changes.
    expect(await productCount()).toBe(25);
    expect(await exportCsvRows()).toEqual(before);
  });

  it("refuses a file whose header is not the template's, naming the columns", async () => {
    const text = "product_ref,sku,nome\nA,B,C\n";
    const result = await importNow("wrong.csv", new TextEncoder().encode(text));
    expect(result.status).toBe("FAILED");
    expect(result.failureCode).toBe("header");
    expect(result.rowErrors).toContainEqual({ row: 1, column: "nome", code: "importer.errors.unknownColumn", value: "nome" });
    expect(result.rowErrors).toContainEqual({ row: 1, column: "hs_code", code: "importer.errors.missingColumn" });
  });
});

describe("the upload", () => {
  it("refuses a form without the CSRF token, and files that are not CSV or XLSX, with translated messages", async () => {
    const form = new FormData();
    form.set("file", new File(["x"], "a.csv"));
    const request = new Request(`http://localhost/pt/orgs/${makerOrg}/products/import`, { method: "POST", body: form, headers: { Cookie: makerCookie } });
    const refused = (await importAction({ request, params: { lang: "pt", orgId: makerOrg }, context })) as unknown as { data: { formError: string }; init: { status: number } };
    expect(refused.init.status).toBe(403);
    expect(refused.data.formError).toMatch(/formulário expirou/);

    const pdf = new FormData();
    pdf.set("csrf", makerCsrf);
    pdf.set("file", new File(["%PDF-1.4"], "catalog.pdf"));
    const wrongType = (await importAction({ request: new Request(request.url, { method: "POST", body: pdf, headers: { Cookie: makerCookie } }), params: { lang: "pt", orgId: makerOrg }, context })) as unknown as { data: { formError: string }; init: { status: number } };
    expect(wrongType.init.status).toBe(400);
    expect(wrongType.data.formError).toBe("Só é possível importar arquivos CSV e XLSX (Excel).");

    const huge = new FormData();
    huge.set("csrf", makerCsrf);
    huge.set("file", new File([new Uint8Array(11 * 1024 * 1024).fill(65)], "huge.csv"));
    const tooLarge = (await importAction({ request: new Request(request.url, { method: "POST", body: huge, headers: { Cookie: makerCookie } }), params: { lang: "pt", orgId: makerOrg }, context })) as unknown as { data: { formError: string }; init: { status: number } };
    expect(tooLarge.init.status).toBe(413);
    expect(tooLarge.data.formError).toBe("Este arquivo é maior que 10 MB. Divida-o em vários arquivos.");
    expect(await forOrganization(makerOrg).catalogImport.count({ where: { fileName: "huge.csv" } })).toBe(0);

    // One workbook per upload: a second file part is refused as it arrives, not buffered beside the first.
    const two = new FormData();
    two.set("csrf", makerCsrf);
    two.append("file", new File(["sku\n"], "one.csv"));
    two.append("file", new File(["sku\n"], "two.csv"));
    const twoFiles = (await importAction({ request: new Request(request.url, { method: "POST", body: two, headers: { Cookie: makerCookie } }), params: { lang: "pt", orgId: makerOrg }, context })) as unknown as { data: { formError: string }; init: { status: number } };
    expect(twoFiles.init.status).toBe(413);
    expect(await forOrganization(makerOrg).catalogImport.count({ where: { fileName: { in: ["one.csv", "two.csv"] } } })).toBe(0);
  });
});

describe("tenancy", () => {
  it("another organization cannot see an import: not found", async () => {
    const importId = await upload("kettles.csv", await csv(rowsOf(catalog(1))));
    expect(await getCatalogImport(forOrganization(otherOrg), importId)).toBeNull();
    // Its members asking for it under their own organization, or under the maker's, get 404.
    const asOther = new Request(`http://localhost/en/orgs/${otherOrg}/products/import?id=${importId}`, { headers: { Cookie: otherCookie } });
    await expect(importLoader({ request: asOther, params: { lang: "en", orgId: otherOrg }, context })).rejects.toMatchObject({ status: 404 });
    const intoMaker = new Request(`http://localhost/en/orgs/${makerOrg}/products/import?id=${importId}`, { headers: { Cookie: otherCookie } });
    await expect(importLoader({ request: intoMaker, params: { lang: "en", orgId: makerOrg }, context })).rejects.toMatchObject({ status: 404 });
    const report = new Request(`http://localhost/en/orgs/${otherOrg}/products/export?import=${importId}`, { headers: { Cookie: otherCookie } });
    await expect(exportLoader({ request: report, params: { lang: "en", orgId: otherOrg }, context })).rejects.toMatchObject({ status: 404 });
    // The maker sees it.
    const mine = await importLoader({ request: new Request(`http://localhost/en/orgs/${makerOrg}/products/import?id=${importId}`, { headers: { Cookie: makerCookie } }), params: { lang: "en", orgId: makerOrg }, context });
    expect(mine.current?.id).toBe(importId);
    await runCatalogImport(importId);
  });
});

describe("one import at a time per organization", () => {
  it("refuses a second upload while one is queued or running, in the user's language, and in the database", async () => {
    const first = await upload("kettles.csv", await csv(rowsOf(catalog(1, { prefix: "ONE" }))));
    const form = new FormData();
    form.set("csrf", makerCsrf);
    form.set("file", new File([new Uint8Array(await csv(rowsOf(catalog(1, { prefix: "TWO" }))))], "second.csv"));
    const request = new Request(`http://localhost/es/orgs/${makerOrg}/products/import`, { method: "POST", body: form, headers: { Cookie: makerCookie } });
    const refused = (await importAction({ request, params: { lang: "es", orgId: makerOrg }, context })) as unknown as { data: { formError: string }; init: { status: number } };
    expect(refused.init.status).toBe(409);
    expect(refused.data.formError).toBe("Otra importación de esta empresa sigue en curso. Espera a que termine y luego sube este archivo.");
    expect(await forOrganization(makerOrg).catalogImport.count({ where: { fileName: "second.csv" } })).toBe(0);

    // Not only the code: the database refuses a second active import, and an ended import holding the slot.
    const scoped = forOrganization(makerOrg);
    await expect(scoped.catalogImport.create({ data: { organizationId: makerOrg, fileName: "x.csv", fileKey: "imports/x.csv", activeOrganizationId: makerOrg } })).rejects.toMatchObject({ code: "P2002" });
    await expect(scoped.catalogImport.create({ data: { organizationId: makerOrg, fileName: "x.csv", fileKey: "imports/x.csv" } })).rejects.toThrow(/CatalogImport_active_slot/);
    await expect(scoped.catalogImport.update({ where: { id: first }, data: { status: "SUCCEEDED" } })).rejects.toThrow(/CatalogImport_active_slot/);
    // Other organizations are not held up.
    await forOrganization(otherOrg).catalogImport.create({ data: { organizationId: otherOrg, fileName: "x.csv", fileKey: "imports/x.csv", activeOrganizationId: otherOrg } });
    await forOrganization(otherOrg).catalogImport.deleteMany({});

    await runCatalogImport(first);
    expect(await getCatalogImport(scoped, first)).toMatchObject({ status: "SUCCEEDED" });
    await runCatalogImport(await upload("second.csv", await csv(rowsOf(catalog(1, { prefix: "TWO" })))));
  });
});

describe("saving in batches", () => {
  /** Ten products the tests below update (imported once). */
  async function base() {
    if ((await forOrganization(makerOrg).product.count({ where: { variants: { some: { sku: { startsWith: "BASE-" } } } } })) === 0) {
      expect(await importNow("base.csv", await csv(rowsOf(catalog(10, { prefix: "BASE" }))))).toMatchObject({ status: "SUCCEEDED", createdCount: 10 });
    }
  }

  it("answers other requests while a large import runs (between its batches)", async () => {
    const importId = await upload("many.csv", await csv(rowsOf(catalog(100, { prefix: "CONC" }))));
    let saved = 0;
    let answer: Promise<number> | undefined;
    await runCatalogImport(importId, {
      batchSize: 20,
      onProgress: (p) => {
        if (p.phase !== "saving") return;
        saved = p.processedRows;
        // Asked once the first batch is committed: answered before the import has saved everything.
        if (saved > 0 && !answer) answer = unscopedDb.organization.count().then(() => saved);
      },
    });
    expect(await getCatalogImport(forOrganization(makerOrg), importId)).toMatchObject({ status: "SUCCEEDED", createdCount: 100 });
    expect(answer).toBeDefined();
    const savedWhenAnswered = await answer!;
    expect(savedWhenAnswered).toBeGreaterThan(0);
    expect(savedWhenAnswered).toBeLessThan(200);
    expect(await forOrganization(makerOrg).catalogImportChange.count()).toBe(0);
  });

  it("still imports all or nothing: a product the database refuses in a later batch undoes the batches before it", async () => {
    const scoped = forOrganization(makerOrg);
    await base();
    const before = await exportCsvRows();
    const count = await productCount();
    const doomed = await scoped.brand.create({ data: { organizationId: makerOrg, name: "Doomed", slug: "doomed" } });
    // Batch 1: ten updates of existing kettles (new prices) and five new products; batch 2 uses the brand that is
    // deleted once batch 1 is committed (someone removing it in the console meanwhile).
    const records = rowsOf([...catalog(10, { prefix: "BASE", priceBump: 500 }), ...catalog(5, { prefix: "UNDO" }), ...catalog(5, { prefix: "LATE" }).map((p) => ({ ...p, brandName: "Doomed" }))]);
    const importId = await upload("late-failure.csv", await csv(records));
    let committed = 0;
    await runCatalogImport(importId, {
      batchSize: 15,
      afterBatch: async (batch) => {
        committed = batch;
        if (batch === 1) {
          expect(await productCount()).toBe(count + 5);
          await scoped.brand.delete({ where: { id: doomed.id } });
        }
      },
    });
    expect(committed).toBe(1);
    const result = (await getCatalogImport(scoped, importId))!;
    expect(result).toMatchObject({ status: "FAILED", failureCode: "rows", createdCount: 0, updatedCount: 0 });
    expect(result.rowErrors.map((e) => [e.row, e.column, e.code])).toEqual([[32, "brand", "console.saveErrors.brand_not_found"]]);
    expect(await productCount()).toBe(count);
    expect(await exportCsvRows()).toEqual(before);
    expect(await scoped.catalogImportChange.count()).toBe(0);
  });

  it("an import left running by a dead process is failed and undone, and the run, if it wakes up, writes nothing more", async () => {
    const scoped = forOrganization(makerOrg);
    await base();
    const before = await exportCsvRows();
    const count = await productCount();
    const importId = await upload("crash.csv", await csv(rowsOf([...catalog(5, { prefix: "BASE", priceBump: 900 }), ...catalog(15, { prefix: "CRASH" })])));
    let frozen!: () => void;
    const firstBatch = new Promise<void>((committed) => {
      void runCatalogImport(importId, {
        batchSize: 10,
        // The process "dies" after its first batch: it never comes back on its own.
        afterBatch: (batch) => (batch === 1 ? new Promise<void>((wake) => ((frozen = wake), committed())) : undefined),
      });
    });
    await firstBatch;
    expect(await getCatalogImport(scoped, importId)).toMatchObject({ status: "RUNNING" });
    expect(await productCount()).toBe(count + 5);

    // What a worker does at start-up on the embedded database (and every minute for stale heartbeats).
    expect(await failAbandonedImports({ staleAfterSeconds: 0 })).toBe(1);
    expect(await getCatalogImport(scoped, importId)).toMatchObject({ status: "FAILED", failureCode: "interrupted" });
    expect(await productCount()).toBe(count);
    expect(await exportCsvRows()).toEqual(before);

    // The run was only stuck: it finds its import ended at its next batch and stops.
    let stopped!: () => void;
    const done = new Promise<void>((resolve) => (stopped = resolve));
    const spy = console.warn;
    console.warn = (...args: unknown[]) => {
      if (String(args[0]).includes(importId)) stopped();
      spy(...args);
    };
    frozen();
    await done;
    console.warn = spy;
    expect(await productCount()).toBe(count);
    expect(await scoped.catalogImportChange.count()).toBe(0);
    // A redelivered job finds it ended and leaves it.
    await runCatalogImport(importId);
    expect(await getCatalogImport(scoped, importId)).toMatchObject({ status: "FAILED", failureCode: "interrupted" });
  });
});

describe("a 2,000-row file", () => {
  // Timed in CPU seconds of this process as well as by the clock: on PGlite the database runs in this process too,
  // so CPU time is the import's own cost, the same on a busy machine (where the wall clock also counts waiting
  // for a core) as on an idle one (where the two agree).
  it("imports in well under a minute", { timeout: 300_000 }, async () => {
    const bytes = await csv(rowsOf(catalog(1000, { prefix: "BIG" })));
    const started = performance.now();
    const cpu = process.cpuUsage();
    const result = await importNow("big.csv", bytes);
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    console.log(`[catalog-import] 2,000 rows (1,000 products) on ${database.kind}: ${seconds.toFixed(1)} s by the clock, ${cpuSeconds.toFixed(1)} s of CPU in this process`);
    expect(result).toMatchObject({ status: "SUCCEEDED", totalRows: 2000, createdCount: 1000 });
    expect(cpuSeconds).toBeLessThan(database.kind === "embedded" ? 45 : 30);
  });
});
