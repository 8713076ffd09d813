import nodemailer, { type Transporter } from "nodemailer";
import { env } from "~/modules/config/env.server";

let transporter: Transporter | undefined;

/** SMTP when SMTP_URL is set; otherwise null: the message stays in the local outbox. */
export function smtpTransport(): Transporter | null {
  const url = env().SMTP_URL;
  if (!url) return null;
  transporter ??= nodemailer.createTransport(url);
  return transporter;
}

export function resetSmtpTransport() {
  transporter?.close();
  transporter = undefined;
}
