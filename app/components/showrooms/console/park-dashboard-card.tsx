import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export interface ParkFigures {
  published: number;
  drafts: number;
  upcomingEvents: number;
  pendingInvitations: number;
  storefrontId: string | null;
}

/** A park operator's dashboard card: its storefronts, events, insight and QR labels, each with real figures and a link. */
export function ParkCard({ area, lang, park }: { area: "storefronts" | "events" | "insight" | "qrLabels"; lang: string; park: ParkFigures }) {
  const { t } = useTranslation();
  const storefront = park.storefrontId ? `/${lang}/park/storefronts/${park.storefrontId}` : null;
  const body =
    area === "storefronts"
      ? t("showrooms.console.dashboard.storefronts.body", { published: park.published, drafts: park.drafts, invited: park.pendingInvitations })
      : area === "events"
        ? t("showrooms.console.dashboard.events.body", { count: park.upcomingEvents })
        : t(`showrooms.console.dashboard.${area}.body`);
  const href = area === "storefronts" ? `/${lang}/park/storefronts` : area === "insight" ? `/${lang}/park/insight` : storefront ? `${storefront}/${area === "events" ? "events" : "qr-labels"}` : `/${lang}/park/storefronts/new`;
  const linkLabel = area === "storefronts" || area === "insight" || storefront ? t(`showrooms.console.dashboard.${area}.open`) : t("showrooms.console.list.create");
  return (
    <article className="card" data-testid={`area-${area}`}>
      <h3 className="font-semibold">{t(`showrooms.console.dashboard.${area}.title`)}</h3>
      <p className="mt-1 text-sm text-slate-700">{body}</p>
      <p className="mt-3">
        <Link to={href} className="link text-sm">
          {linkLabel}
        </Link>
      </p>
    </article>
  );
}
