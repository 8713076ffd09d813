import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/modules/http/responses.server";
import { requireLang } from "~/modules/i18n/config";
import { eventIcsFile } from "~/modules/showrooms/public-events.server";
import { icsFileName } from "~/modules/showrooms/ics";
import { getSessionUser } from "~/modules/tenancy/session.server";

/**
 * An event's .ics (`calendar.ics`), or with `?registration=1` the signed-in viewer's own registration (its own uid,
 * and the livestream link when the seat is theirs).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const eventId = params.eventId ?? "";
  const forRegistration = new URL(request.url).searchParams.get("registration") === "1";
  const sessionUser = forRegistration ? await getSessionUser(request) : null;
  if (forRegistration && !sessionUser) notFound();
  const body = await eventIcsFile(params.slug ?? "", eventId, lang, forRegistration && sessionUser ? { registrationOf: sessionUser.user.id } : {});
  if (body === null) notFound();
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${icsFileName(forRegistration ? "registration" : "event", eventId)}"`,
      "Cache-Control": forRegistration ? "private, no-store" : "no-cache",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
