import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfInput } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { parseForm } from "~/modules/http/forms.server";
import { requireLang } from "~/modules/i18n/config";
import { formatDateTime } from "~/modules/i18n/format";
import { listNotifications, markAllNotificationsRead, markNotificationRead } from "~/modules/ordering/notifications-inbox.server";
import { requireSessionUser } from "~/modules/tenancy/session.server";

export const meta: MetaFunction = (args) => pageTitle(args, "activity.page.title");

const ActionSchema = z.discriminatedUnion("intent", [z.object({ intent: z.literal("read"), id: z.string().uuid("validation.required") }), z.object({ intent: z.literal("readAll") })]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const { user } = await requireSessionUser(request, lang);
  const before = new URL(request.url).searchParams.get("before");
  const page = await listNotifications(user.id, { before: before && z.string().uuid().safeParse(before).success ? before : null });
  return { lang, ...page, paged: Boolean(before) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const { user } = await requireSessionUser(request, lang);
  const form = await parseForm(request, ActionSchema, lang);
  if (!form.ok) return form.reply;
  if (form.data.intent === "readAll") await markAllNotificationsRead(user.id);
  else await markNotificationRead(user.id, form.data.id);
  return { ok: true as const };
}

export default function Notifications() {
  const { t } = useTranslation();
  const { lang, items, unread, nextBefore, paged } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-3xl px-4 py-8">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{t("activity.page.title")}</h1>
          <p className="mt-1 text-sm text-slate-600">{t("activity.page.intro")}</p>
        </div>
        {unread > 0 ? (
          <Form method="post">
            <CsrfInput />
            <button type="submit" name="intent" value="readAll" className="btn-secondary px-3 py-1.5 text-sm" data-testid="mark-all-read">
              {t("activity.page.markAllRead")}
            </button>
          </Form>
        ) : items.length > 0 ? (
          <p className="text-sm text-slate-600">{t("activity.page.allRead")}</p>
        ) : null}
      </div>
      {items.length === 0 ? (
        <p className="card mt-6 border-dashed text-slate-700" data-testid="notifications-empty">
          {t("activity.page.empty")}
        </p>
      ) : (
        <ul className="mt-6 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="notifications">
          {items.map((n) => (
            <li key={n.id} className={`flex flex-col gap-2 p-4 sm:flex-row sm:items-start sm:justify-between ${n.readAt ? "" : "bg-brand-50/40"}`} data-unread={n.readAt ? undefined : "true"}>
              <div className="min-w-0">
                <p className={`break-words ${n.readAt ? "text-slate-800" : "font-semibold text-slate-900"}`}>
                  {n.readAt ? null : <span className="mr-2 rounded bg-brand-600 px-1.5 py-0.5 text-xs font-semibold text-white">{t("activity.page.unreadBadge")}</span>}
                  {n.href ? (
                    <Link to={n.href} className="hover:underline">
                      {n.title}
                    </Link>
                  ) : (
                    n.title
                  )}
                </p>
                {n.body ? <p className="mt-1 break-words text-sm text-slate-700">{n.body}</p> : null}
                <p className="mt-1 text-xs text-slate-500">
                  <time dateTime={new Date(n.createdAt).toISOString()}>{formatDateTime(n.createdAt, lang)}</time>
                </p>
              </div>
              <div className="flex shrink-0 gap-2">
                {n.href ? (
                  <Link to={n.href} className="btn-secondary px-3 py-1.5 text-sm">
                    {t("activity.page.open")}
                  </Link>
                ) : null}
                {n.readAt ? null : (
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="id" value={n.id} />
                    <button type="submit" name="intent" value="read" className="btn-secondary px-3 py-1.5 text-sm">
                      {t("activity.page.markRead")}
                    </button>
                  </Form>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {nextBefore || paged ? (
        <p className="mt-4 text-sm">
          {nextBefore ? (
            <Link to={`/${lang}/notifications?before=${nextBefore}`} className="link">
              {t("activity.page.more")}
            </Link>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}
