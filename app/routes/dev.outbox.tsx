import { redirect, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { env, outboxKey } from "~/modules/config/env.server";
import { listOutbox } from "~/modules/email/outbox.server";
import { forbidden, notFound } from "~/modules/http/responses.server";
import { hmac, safeEqual } from "~/modules/security/tokens.server";
import { isLocalRequest, PEER_IP_HEADER } from "~/server/listen.server";

export const meta: MetaFunction = () => [{ title: "Outbox · Ponte (development)" }, { name: "robots", content: "noindex" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

const OUTBOX_COOKIE = "ponte_outbox";

/**
 * Developer page: every email the app sent, newest first — password-reset links included, so it is a key to
 * every account. Never in production; elsewhere only from this machine (the socket's own address, not a proxy
 * header) and with the key `npm start` prints: `?key=…` once, then an httpOnly cookie for this path.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  if (env().isProduction) notFound();
  if (!isLocalRequest(request.headers.get(PEER_IP_HEADER), (name) => request.headers.get(name))) notFound();
  const url = new URL(request.url);
  const pass = hmac(outboxKey(), "outbox-cookie");
  const given = url.searchParams.get("key");
  if (given !== null) {
    if (!safeEqual(given, outboxKey())) forbidden();
    // The key leaves the address bar (and history) at once; the cookie stands for it from now on.
    url.searchParams.delete("key");
    const secure = env().servedOverHttps || url.protocol === "https:" ? "; Secure" : "";
    throw redirect(`${url.pathname.replace(/\.data$/, "")}${url.search}`, {
      headers: { "Set-Cookie": `${OUTBOX_COOKIE}=${pass}; Path=/dev; HttpOnly; SameSite=Strict${secure}`, "Cache-Control": "no-store" },
    });
  }
  const cookie = /(?:^|;\s*)ponte_outbox=([^;]*)/.exec(request.headers.get("Cookie") ?? "")?.[1];
  if (!cookie || !safeEqual(cookie, pass)) forbidden();
  const to = url.searchParams.get("to") ?? undefined;
  const emails = await listOutbox({ to, take: 100 });
  return {
    to: to ?? "",
    smtp: Boolean(env().SMTP_URL),
    emails: emails.map((e) => ({ id: e.id, to: e.toAddress, subject: e.subject, text: e.text, kind: e.kind, status: e.status, createdAt: e.createdAt.toISOString(), note: e.lastError })),
  };
}

const LINK = /(https?:\/\/[^\s]+)/g;

export default function Outbox() {
  const { emails, to, smtp } = useLoaderData<typeof loader>();
  return (
    <main className="mx-auto max-w-4xl px-4 py-10" lang="en">
      <h1 className="text-2xl font-bold">Email outbox (development only)</h1>
      <p className="mt-1 text-sm text-slate-600">{smtp ? "SMTP_URL is set: messages are also delivered over SMTP." : "SMTP_URL is not set: messages stay here."}</p>
      <form method="get" className="mt-4 flex gap-2">
        <label htmlFor="to" className="sr-only">Recipient</label>
        <input id="to" name="to" defaultValue={to} placeholder="recipient@example.com" className="input max-w-xs" />
        <button type="submit" className="btn-secondary">Filter</button>
      </form>
      {emails.length === 0 ? <p className="mt-8 text-slate-600">No email yet.</p> : null}
      <ol className="mt-6 space-y-4">
        {emails.map((e) => (
          <li key={e.id} className="card" data-testid="outbox-email">
            <p className="text-xs text-slate-600">{e.createdAt} · {e.kind} · {e.status}{e.note ? ` · ${e.note}` : ""}</p>
            <p className="mt-1 font-semibold">{e.subject}</p>
            <p className="text-sm text-slate-700">To: <span data-testid="outbox-to">{e.to}</span></p>
            <pre className="mt-3 whitespace-pre-wrap font-sans text-sm">
              {e.text.split(LINK).map((part, i) => (i % 2 === 1 ? <a key={i} href={part} className="link break-all">{part}</a> : part))}
            </pre>
          </li>
        ))}
      </ol>
    </main>
  );
}
