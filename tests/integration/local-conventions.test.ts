import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "../../prisma/seed";
import { createHttpApp } from "~/server/http.server";
import { unscopedDb } from "~/modules/db/index.server";
import { createUserSession } from "~/modules/tenancy/session.server";
import { setupTestDatabase, type TestDatabase } from "../support/database";

/**
 * Issue 13, items 7–9, over HTTP as a browser sees them: the page is formatted for the viewer's country before any
 * loader runs (the HTTP app resolves it), and the root data hands the same viewer to the browser for hydration.
 */
let database: TestDatabase;
let server: Server;
let baseUrl: string;
let slug: string;

async function sessionOf(email: string): Promise<string> {
  const user = await unscopedDb.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  const setCookie = await createUserSession(user.id, new Request("http://localhost/"));
  return setCookie.split(";")[0]!;
}

async function page(pathname: string, cookie = ""): Promise<string> {
  const response = await fetch(baseUrl + pathname, { headers: cookie ? { Cookie: cookie } : {} });
  expect(response.status).toBe(200);
  return (await response.text()).replace(/[\u00a0\u202f]/g, " ");
}

beforeAll(async () => {
  database = await setupTestDatabase();
  await seedDemoData({ onlyIfEmpty: true });
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  server = createServer(createHttpApp(build, { shuttingDown: false }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const product = await unscopedDb.product.findFirstOrThrow({ where: { status: "PUBLISHED", organization: { name: "Gree-Lux Home Appliances" } }, select: { slug: true }, orderBy: { slug: "asc" } });
  slug = product.slug;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await database?.cleanup();
});

describe("the viewer's country decides formats, server-side (item 7)", () => {
  it("shows a Bogotá buyer pesos as Colombia writes them", async () => {
    const html = await page(`/es/products/${slug}`, await sessionOf("owner.andina@demo.ponte.test"));
    expect(html).toMatch(/\$ \d{1,3}(\.\d{3})+(?!,\d)/);
    expect(html).not.toMatch(/COP \d/);
    // The browser is told which viewer the server formatted for (the root loader's data, for hydration).
    expect(html).toContain('\\"America/Bogota\\"');
  });

  it("shows a Lisbon buyer euros after the amount, and European Portuguese", async () => {
    const html = await page(`/pt/products/${slug}`, await sessionOf("buyer.pt@demo.ponte.test"));
    expect(html).toMatch(/\d,\d{2} €/);
    expect(html).not.toMatch(/€ \d/);
    expect(html).toContain('lang="pt-PT"');
    expect(html).toMatch(/\/messages\/pt-PT\/public\.[0-9a-f]{12}\.js/);
  });

  it("follows the 'buying for' cookie for visitors, and the language alone otherwise", async () => {
    const chile = await page(`/es/products/${slug}`, `ponte_currency=${encodeURIComponent(btoa(JSON.stringify("CLP")))}; ponte_country=${encodeURIComponent(btoa(JSON.stringify("CL")))}`);
    expect(chile).toMatch(/\$\d{1,3}(\.\d{3})+/);
    const nobody = await page(`/pt/products/${slug}`);
    expect(nobody).toContain('lang="pt-BR"');
    expect(nobody).toMatch(/R\$ \d/);
  });

  it("serves the pt-PT strings as their own script", async () => {
    const html = await page(`/pt/products/${slug}`, await sessionOf("buyer.pt@demo.ponte.test"));
    const src = /\/messages\/pt-PT\/public\.[0-9a-f]{12}\.js/.exec(html)![0];
    const script = await (await fetch(baseUrl + src)).text();
    expect(script).toContain("Registe-se");
    expect(script).not.toContain("Cadastre-se");
  });
});

describe("maker names in the reader's script (item 9)", () => {
  it("shows the Chinese legal name on zh pages, the company's name elsewhere", async () => {
    expect(await page(`/zh/products/${slug}`)).toContain("珠海格悦家电有限公司");
    const es = await page(`/es/products/${slug}`);
    expect(es).toContain("Gree-Lux Home Appliances");
    expect(es).not.toContain("珠海格悦家电有限公司");
  });
});
