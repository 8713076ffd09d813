import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export interface ShowroomBannerView {
  storefrontName: string;
  boothCode: string | null;
  storefrontHref: string;
  boothHref: string | null;
}

/** "You scanned this at Hengqin showroom, booth A-12" on a product page reached from a QR code. */
export function ShowroomSourceBanner({ banner }: { banner: ShowroomBannerView }) {
  const { t } = useTranslation();
  return (
    <p className="mt-4 flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border border-brand-200 bg-brand-50 px-3 py-2 text-sm text-slate-800" data-testid="showroom-source-banner">
      <span>{banner.boothCode ? t("showrooms.public.scannedAtBooth", { storefront: banner.storefrontName, booth: banner.boothCode }) : t("showrooms.public.scannedAt", { storefront: banner.storefrontName })}</span>
      <Link to={banner.boothHref ?? banner.storefrontHref} className="font-medium text-brand-800 underline">
        {banner.boothHref ? t("showrooms.public.backToBooth") : t("showrooms.public.backToStorefront")}
      </Link>
    </p>
  );
}
