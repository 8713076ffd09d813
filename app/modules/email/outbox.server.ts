import { unscopedDb } from "~/modules/db/index.server";
import { enqueue } from "~/modules/jobs/queue.server";

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  kind: string;
}

/**
 * Every email is first a row of the outbox (the developer page and the tests read it), then a job delivers it.
 * If enqueueing fails the row stays PENDING and the sweep job picks it up: nothing is lost.
 */
export async function sendEmail(email: OutgoingEmail): Promise<string> {
  const row = await unscopedDb.emailMessage.create({
    data: { toAddress: email.to, subject: email.subject, text: email.text, html: email.html ?? null, kind: email.kind },
    select: { id: true },
  });
  try {
    await enqueue("email.send", { emailId: row.id }, { singletonKey: row.id });
  } catch (error) {
    console.error("[email] enqueue failed; the sweep will retry", error);
  }
  return row.id;
}

export function listOutbox(options: { to?: string; take?: number } = {}) {
  return unscopedDb.emailMessage.findMany({
    where: options.to ? { toAddress: options.to.toLowerCase() } : {},
    orderBy: { createdAt: "desc" },
    take: options.take ?? 50,
  });
}
