import { env } from "~/modules/config/env.server";
import { unscopedDb } from "~/modules/db/index.server";
import { smtpTransport } from "~/modules/email/transport.server";
import { enqueue } from "~/modules/jobs/queue.server";

/** Delivers one outbox message over SMTP, or records it as kept in the local outbox. Idempotent. */
export async function deliverEmail(emailId: string) {
  const message = await unscopedDb.emailMessage.findUnique({ where: { id: emailId } });
  if (!message || message.status === "SENT") return;
  const transport = smtpTransport();
  try {
    if (transport) {
      await transport.sendMail({ from: env().MAIL_FROM, to: message.toAddress, subject: message.subject, text: message.text, html: message.html ?? undefined });
    }
    await unscopedDb.emailMessage.update({ where: { id: emailId }, data: { status: "SENT", sentAt: new Date(), attempts: { increment: 1 }, lastError: transport ? null : "kept in local outbox (SMTP_URL not set)" } });
  } catch (error) {
    await unscopedDb.emailMessage.update({ where: { id: emailId }, data: { attempts: { increment: 1 }, lastError: (error as Error).message.slice(0, 500) } });
    throw error; // pg-boss retries with backoff
  }
}

/** Re-enqueues messages whose job was never created (e.g. the queue was down at the time). */
export async function sweepPendingEmails() {
  const stale = await unscopedDb.emailMessage.findMany({
    where: { status: "PENDING", createdAt: { lt: new Date(Date.now() - 60_000) }, attempts: { lt: 5 } },
    select: { id: true },
    take: 200,
  });
  for (const { id } of stale) await enqueue("email.send", { emailId: id }, { singletonKey: id });
  return stale.length;
}
