import { execSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalDiskStorage, setStorage, storage } from "~/modules/catalog/storage.server";
import { unscopedDb } from "~/modules/db/index.server";
import { csrfTokenFromCookieHeader } from "~/modules/security/csrf.server";
import { createUserSession } from "~/modules/tenancy/session.server";
import { companyLang, decideVerification, submitVerificationDocuments, verificationQueue, VerificationError } from "~/modules/tenancy/verification.server";
import { createHttpApp } from "~/server/http.server";
import { cookieJar } from "../support/cookies";
import { addMember, createOrganization, createUser } from "../support/inventory-core-fixtures";
import { setupTestDatabase, type TestDatabase } from "../support/database";

/**
 * The verification desk (issue 13, item 12): a company sends documents (PENDING), the platform's owners and admins
 * approve, reject with reasons or ask for more; each step audited and emailed in the company's language; the desk is
 * a 404 to everyone else; documents are private.
 */

let database: TestDatabase;
let server: Server;
let baseUrl: string;
let uploads: string;
let platformAdmin: { userId: string; name: string };
let adminCookie: string;
let memberCookie: string;
let buyerCookie: string;
let platformId: string;

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
const pdfFile = (name = "licence.pdf") => ({ bytes: PDF, ext: "pdf", contentType: "application/pdf", name });

async function signedIn(userId: string) {
  const setCookie = await createUserSession(userId, new Request("http://127.0.0.1/"));
  const session = setCookie.split(";")[0]!;
  const page = await fetch(`${baseUrl}/en/login`, { redirect: "manual" });
  return `${session}; ${cookieJar(page)}`;
}

function csrfOf(cookie: string) {
  const token = csrfTokenFromCookieHeader(cookie);
  if (!token) throw new Error("no CSRF cookie");
  return token;
}

function post(pathname: string, cookie: string, fields: Record<string, string>) {
  return fetch(baseUrl + pathname, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
    body: new URLSearchParams({ csrf: csrfOf(cookie), ...fields }).toString(),
  });
}

function get(pathname: string, cookie?: string) {
  return fetch(baseUrl + pathname, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
}

/** A Chinese manufacturer with an English-speaking owner (emails must follow the company, not the owner). */
async function chineseMaker(name: string) {
  const org = await unscopedDb.organization.create({ data: { kind: "MANUFACTURER", name, countryCode: "CN", city: "珠海", taxId: "91440400MA4WK70X0Y" } });
  const owner = await createUser(undefined, `Owner of ${name}`, "en");
  await addMember(org.id, owner.id, "OWNER");
  return { org, owner };
}

async function emailsTo(address: string) {
  return unscopedDb.emailMessage.findMany({ where: { toAddress: address }, orderBy: { createdAt: "asc" } });
}

beforeAll(async () => {
  database = await setupTestDatabase();
  uploads = await mkdtemp(path.join(os.tmpdir(), "ponte-verification-"));
  setStorage(new LocalDiskStorage(uploads));
  if (!existsSync(path.resolve("build/index.js"))) execSync("npx remix build", { stdio: "inherit" });
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  server = createServer(createHttpApp(build, { shuttingDown: false }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const platform = await createOrganization("PLATFORM");
  platformId = platform.id;
  const admin = await createUser(undefined, "Desk Admin", "en");
  await addMember(platform.id, admin.id, "ADMIN");
  platformAdmin = { userId: admin.id, name: admin.name };
  const member = await createUser(undefined, "Desk Member", "en");
  await addMember(platform.id, member.id, "MEMBER");
  const buyer = await createOrganization("BUYER");
  const buyerUser = await createUser(undefined, "Buyer", "pt");
  await addMember(buyer.id, buyerUser.id, "OWNER");
  adminCookie = await signedIn(admin.id);
  memberCookie = await signedIn(member.id);
  buyerCookie = await signedIn(buyerUser.id);
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  setStorage(undefined);
  await rm(uploads, { recursive: true, force: true });
  await database?.cleanup();
});

describe("the company's language", () => {
  it("follows the country: Chinese, Portuguese, Spanish, English elsewhere", () => {
    expect([companyLang("CN"), companyLang("BR"), companyLang("AO"), companyLang("MX"), companyLang("CO"), companyLang("US")]).toEqual(["zh", "pt", "pt", "es", "es", "en"]);
  });
});

describe("states, audit and emails", () => {
  it("send → PENDING → ask for more → send again → approve; each step recorded with who, when, why and emailed in Chinese", async () => {
    const { org, owner } = await chineseMaker("珠海明光照明");
    const actor = { userId: owner.id, name: owner.name };
    await submitVerificationDocuments(org.id, actor, "BUSINESS_LICENCE", [pdfFile("营业执照.pdf")]);
    let row = await unscopedDb.organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(row.verificationStatus).toBe("PENDING");
    const firstSent = row.verificationSubmittedAt;
    expect(firstSent).toBeInstanceOf(Date);
    const documents = await unscopedDb.verificationDocument.findMany({ where: { organizationId: org.id } });
    expect(documents).toHaveLength(1);
    expect(documents[0]).toMatchObject({ kind: "BUSINESS_LICENCE", fileName: "营业执照.pdf", contentType: "application/pdf", uploadedById: owner.id });
    expect(documents[0]!.storageKey).toMatch(new RegExp(`^verification/${org.id}/[0-9a-f-]{36}\\.pdf$`));
    expect(await storage().get(documents[0]!.storageKey)).not.toBeNull();

    await decideVerification(org.id, platformAdmin, "more", "请补充税务登记证明");
    row = await unscopedDb.organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(row.verificationStatus).toBe("UNVERIFIED");
    await submitVerificationDocuments(org.id, actor, "TAX_REGISTRATION", [pdfFile("tax.pdf")]);
    await decideVerification(org.id, platformAdmin, "approve", null);
    row = await unscopedDb.organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(row.verificationStatus).toBe("VERIFIED");
    expect(row.verifiedAt).toBeInstanceOf(Date);

    const events = await unscopedDb.verificationEvent.findMany({ where: { organizationId: org.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    expect(events.map((e) => [e.kind, e.actorUserId, e.actorName, e.reason])).toEqual([
      ["SUBMITTED", owner.id, owner.name, null],
      ["MORE_REQUESTED", platformAdmin.userId, "Desk Admin", "请补充税务登记证明"],
      ["SUBMITTED", owner.id, owner.name, null],
      ["APPROVED", platformAdmin.userId, "Desk Admin", null],
    ]);
    expect(events[0]!.documentIds).toEqual([documents[0]!.id]);
    expect(events.every((e) => e.createdAt instanceof Date)).toBe(true);

    const mails = await emailsTo(owner.email);
    expect(mails.map((m) => m.kind)).toEqual(["verification-submitted", "verification-more-requested", "verification-submitted", "verification-approved"]);
    // The owner reads English, the company is Chinese: the company's language wins.
    expect(mails[0]!.subject).toBe("已收到 珠海明光照明 的认证材料");
    expect(mails[1]!.text).toContain("请补充税务登记证明");
    expect(mails[1]!.text).toContain(`/zh/orgs/${org.id}/settings`);
    expect(mails[3]!.subject).toBe("珠海明光照明 已通过 Ponte 认证");

    // Verified: nothing more to send; no second decision.
    await expect(submitVerificationDocuments(org.id, actor, "OTHER", [pdfFile()])).rejects.toMatchObject({ code: "already_verified" });
    await expect(decideVerification(org.id, platformAdmin, "reject", "late")).rejects.toBeInstanceOf(VerificationError);
  });

  it("a rejection carries its reason (the database refuses one without) and is emailed in the company's language", async () => {
    const buyer = await unscopedDb.organization.create({ data: { kind: "BUYER", name: "Comercial Guadalajara", countryCode: "MX" } });
    const owner = await createUser(undefined, "Dueña", "zh");
    await addMember(buyer.id, owner.id, "OWNER");
    await submitVerificationDocuments(buyer.id, { userId: owner.id, name: owner.name }, "TAX_REGISTRATION", [pdfFile("rfc.pdf")]);
    await expect(unscopedDb.verificationEvent.create({ data: { organizationId: buyer.id, kind: "REJECTED", actorName: "x", reason: "  ", documentIds: [] } })).rejects.toThrow();
    await decideVerification(buyer.id, platformAdmin, "reject", "El RFC no coincide con la constancia.");
    const row = await unscopedDb.organization.findUniqueOrThrow({ where: { id: buyer.id } });
    expect(row.verificationStatus).toBe("REJECTED");
    expect(row.verifiedAt).toBeNull();
    const mails = await emailsTo(owner.email);
    expect(mails.at(-1)!.subject).toBe("La verificación de Comercial Guadalajara fue rechazada");
    expect(mails.at(-1)!.text).toContain("El RFC no coincide con la constancia.");
  });

  it("the queue lists pending companies, the longest-waiting first", async () => {
    const a = await chineseMaker("Queue First");
    const b = await chineseMaker("Queue Second");
    await submitVerificationDocuments(a.org.id, { userId: a.owner.id, name: a.owner.name }, "BUSINESS_LICENCE", [pdfFile()]);
    await submitVerificationDocuments(b.org.id, { userId: b.owner.id, name: b.owner.name }, "BUSINESS_LICENCE", [pdfFile()]);
    // Sending more while pending keeps the company's place.
    await submitVerificationDocuments(a.org.id, { userId: a.owner.id, name: a.owner.name }, "OTHER", [pdfFile()]);
    const names = (await verificationQueue()).map((o) => o.name);
    expect(names.indexOf("Queue First")).toBeLessThan(names.indexOf("Queue Second"));
    expect((await verificationQueue()).find((o) => o.name === "Queue First")!._count.verificationDocuments).toBe(2);
  });
});

describe("over HTTP", () => {
  it("only the platform's owners and admins reach the desk: a platform member, a buyer and another company get 404", async () => {
    const { org } = await chineseMaker("Gate Test");
    for (const cookie of [memberCookie, buyerCookie]) {
      expect((await get("/en/platform/verifications", cookie)).status).toBe(404);
      expect((await get(`/en/platform/verifications/${org.id}`, cookie)).status).toBe(404);
      expect((await post(`/en/platform/verifications/${org.id}`, cookie, { intent: "approve" })).status).toBe(404);
    }
    const anonymous = await get("/en/platform/verifications");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toContain("/login");
    expect((await get("/pt/platform/verifications", adminCookie)).status).toBe(200);
    // The platform's dashboard leads its owners and admins to the desk, and not its other members.
    expect(await (await get(`/en/orgs/${platformId}`, adminCookie)).text()).toContain('href="/en/platform/verifications"');
    const memberDashboard = await get(`/en/orgs/${platformId}`, memberCookie);
    expect(memberDashboard.status).toBe(200);
    expect(await memberDashboard.text()).not.toContain('href="/en/platform/verifications"');
  });

  it("a company uploads its licence from its profile page; the desk sees it, opens the file, asks for a reason, approves; files stay private", async () => {
    const { org, owner } = await chineseMaker("深圳华光电子");
    const ownerCookie = await signedIn(owner.id);
    const body = new FormData();
    body.set("csrf", csrfOf(ownerCookie));
    body.set("intent", "verification");
    body.set("kind", "BUSINESS_LICENCE");
    body.append("documents", new File([PDF], "营业执照.pdf", { type: "application/pdf" }));
    const sent = await fetch(`${baseUrl}/zh/orgs/${org.id}/settings`, { method: "POST", headers: { Cookie: ownerCookie }, body, redirect: "manual" });
    expect(sent.status).toBe(200);
    expect((await unscopedDb.organization.findUniqueOrThrow({ where: { id: org.id } })).verificationStatus).toBe("PENDING");

    // A file that is not a PDF or an image is refused with a message in the page's language.
    const wrong = new FormData();
    wrong.set("csrf", csrfOf(ownerCookie));
    wrong.set("intent", "verification");
    wrong.set("kind", "OTHER");
    wrong.append("documents", new File(["MZ not a pdf"], "licence.pdf", { type: "application/pdf" }));
    const refused = await fetch(`${baseUrl}/zh/orgs/${org.id}/settings`, { method: "POST", headers: { Cookie: ownerCookie }, body: wrong, redirect: "manual" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("只能提交 PDF、PNG、JPEG 或 WebP 文件。");

    const queue = await (await get("/pt/platform/verifications", adminCookie)).text();
    expect(queue).toContain("深圳华光电子");
    const casePage = await (await get(`/pt/platform/verifications/${org.id}`, adminCookie)).text();
    expect(casePage).toContain("Licença comercial");
    const document = await unscopedDb.verificationDocument.findFirstOrThrow({ where: { organizationId: org.id } });
    const download = await get(`/pt/platform/verifications/${org.id}/documents/${document.id}`, adminCookie);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(download.headers.get("cache-control")).toBe("private, no-store");
    expect(Buffer.from(await download.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
    // The company's members download it too; anyone else gets 404.
    expect((await get(`/zh/orgs/${org.id}/verification/${document.id}`, ownerCookie)).status).toBe(200);
    expect((await get(`/zh/orgs/${org.id}/verification/${document.id}`, buyerCookie)).status).toBe(404);
    expect((await get(`/en/platform/verifications/${org.id}/documents/${document.id}`, memberCookie)).status).toBe(404);

    const noReason = await post(`/pt/platform/verifications/${org.id}`, adminCookie, { intent: "reject", reason: "" });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("Diga o motivo: a empresa vai ler.");
    const approved = await post(`/pt/platform/verifications/${org.id}`, adminCookie, { intent: "approve", reason: "" });
    expect(approved.status).toBe(200);
    expect(await approved.text()).toContain("深圳华光电子 está verificada.");
    const again = await post(`/pt/platform/verifications/${org.id}`, adminCookie, { intent: "more", reason: "mais" });
    expect(again.status).toBe(409);
    const row = await unscopedDb.organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(row.verificationStatus).toBe("VERIFIED");
    const trail = await (await get(`/zh/orgs/${org.id}/settings`, ownerCookie)).text();
    expect(trail).toContain("已通过：企业已认证");
    expect(trail).toContain("Desk Admin");
  });
});
