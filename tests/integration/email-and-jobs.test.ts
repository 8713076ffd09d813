import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "~/modules/config/env.server";
import { unscopedDb } from "~/modules/db/index.server";
import { sendEmail } from "~/modules/email/outbox.server";
import { resetSmtpTransport } from "~/modules/email/transport.server";
import { startQueue, stopQueue } from "~/modules/jobs/queue.server";
import { registerWorkers } from "../../workers/index";
import { deliverEmail, sweepPendingEmails } from "../../workers/email";
import { purgeExpired } from "../../workers/maintenance";
import { setupTestDatabase, type TestDatabase } from "../support/database";

let database: TestDatabase;
let smtp: SMTPServer;
const received: { to: string[]; data: string }[] = [];

beforeAll(async () => {
  database = await setupTestDatabase();
  // A local SMTP server speaking the real protocol: nodemailer talks to it exactly as to a provider.
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      let data = "";
      stream.on("data", (chunk: Buffer) => (data += chunk.toString()));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  smtp.listen(0, "127.0.0.1");
  await once(smtp.server, "listening");
  process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  resetEnvCache();
  resetSmtpTransport();
  await registerWorkers(await startQueue(database.url));
});

afterAll(async () => {
  await stopQueue();
  delete process.env.SMTP_URL;
  resetEnvCache();
  resetSmtpTransport();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await database.cleanup();
});

async function waitForStatus(id: string, status: "SENT" | "FAILED", timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const row = await unscopedDb.emailMessage.findUniqueOrThrow({ where: { id } });
    if (row.status === status) return row;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`email ${id} did not reach ${status}`);
}

describe("email delivery through the job queue", () => {
  it("writes the outbox row, then the worker delivers it over SMTP", async () => {
    const id = await sendEmail({ to: "smtp-check@test.ponte", subject: "Olá, Ponte", text: "Corpo da mensagem", kind: "test" });
    const row = await waitForStatus(id, "SENT");
    expect(row.sentAt).not.toBeNull();
    expect(row.lastError).toBeNull();
    const message = received.find((m) => m.to.includes("smtp-check@test.ponte"));
    expect(message?.data).toContain("Corpo da mensagem");
    expect(message?.data).toMatch(/Subject: =\?UTF-8\?|Subject: Ol/);
  });

  it("keeps the message in the local outbox when SMTP_URL is not set", async () => {
    const saved = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
    resetEnvCache();
    resetSmtpTransport();
    try {
      const row = await unscopedDb.emailMessage.create({ data: { toAddress: "outbox-only@test.ponte", subject: "s", text: "t", kind: "test" } });
      await deliverEmail(row.id);
      const after = await unscopedDb.emailMessage.findUniqueOrThrow({ where: { id: row.id } });
      expect(after.status).toBe("SENT");
      expect(after.lastError).toMatch(/local outbox/);
      expect(received.some((m) => m.to.includes("outbox-only@test.ponte"))).toBe(false);
    } finally {
      process.env.SMTP_URL = saved;
      resetEnvCache();
      resetSmtpTransport();
    }
  });

  it("delivering twice sends once", async () => {
    const row = await unscopedDb.emailMessage.create({ data: { toAddress: "twice@test.ponte", subject: "s", text: "once", kind: "test" } });
    await deliverEmail(row.id);
    await deliverEmail(row.id);
    expect(received.filter((m) => m.to.includes("twice@test.ponte"))).toHaveLength(1);
  });

  it("the sweep re-enqueues messages whose job was lost", async () => {
    const row = await unscopedDb.emailMessage.create({ data: { toAddress: "swept@test.ponte", subject: "s", text: "t", kind: "test", createdAt: new Date(Date.now() - 5 * 60_000) } });
    expect(await sweepPendingEmails()).toBeGreaterThanOrEqual(1);
    await waitForStatus(row.id, "SENT");
  });
});

describe("maintenance", () => {
  it("purges expired sessions, reset links and rate-limit buckets, and keeps live ones", async () => {
    const user = await unscopedDb.user.create({ data: { email: "purge@test.ponte", name: "P", passwordHash: "x" } });
    const past = new Date(Date.now() - 60_000);
    const future = new Date(Date.now() + 60 * 60_000);
    await unscopedDb.session.createMany({
      data: [
        { tokenHash: "expired-session", userId: user.id, expiresAt: past },
        { tokenHash: "live-session", userId: user.id, expiresAt: future },
      ],
    });
    await unscopedDb.passwordResetToken.create({ data: { tokenHash: "expired-reset", userId: user.id, expiresAt: past } });
    await unscopedDb.emailVerificationToken.create({ data: { tokenHash: "expired-verify", userId: user.id, expiresAt: past } });
    await unscopedDb.emailVerificationToken.create({ data: { tokenHash: "live-verify", userId: user.id, expiresAt: future } });
    await unscopedDb.rateLimitBucket.create({ data: { key: "old", count: 3, windowStart: past, expiresAt: past } });
    const purged = await purgeExpired();
    expect(purged.sessions).toBeGreaterThanOrEqual(1);
    expect(purged.resetTokens).toBeGreaterThanOrEqual(1);
    expect(purged.verificationTokens).toBeGreaterThanOrEqual(1);
    expect(await unscopedDb.emailVerificationToken.count({ where: { userId: user.id } })).toBe(1);
    expect(purged.rateLimitBuckets).toBeGreaterThanOrEqual(1);
    expect(await unscopedDb.session.count({ where: { userId: user.id } })).toBe(1);
  });
});
