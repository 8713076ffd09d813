import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, NavLink, Outlet, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireManufacturer } from "~/modules/catalog/product-form.server";
import { requireLang } from "~/modules/i18n/config";

/** The manufacturer's inventory area: its sections, and the gate (MANUFACTURER organizations only; others 404). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireManufacturer(request, lang, params.orgId);
  return { base: `/${lang}/orgs/${context.organization.id}/inventory` };
}

export default function InventoryLayout() {
  const { t } = useTranslation();
  const { base } = useLoaderData<typeof loader>();
  const { pathname } = useLocation();
  const tab = ({ isActive }: { isActive: boolean }) =>
    `whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium ${isActive ? "bg-brand-50 text-brand-800 ring-1 ring-brand-200" : "text-slate-700 hover:bg-slate-100"}`;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <nav aria-label={t("inventory.nav.label")} className="-m-1 flex gap-1 overflow-x-auto p-1">
          <NavLink end to={base} className={tab}>
            {t("inventory.nav.overview")}
          </NavLink>
          <NavLink to={`${base}/inbound`} className={tab}>
            {t("inventory.nav.inbound")}
          </NavLink>
          <NavLink to={`${base}/ledger`} className={tab}>
            {t("inventory.nav.ledger")}
          </NavLink>
        </nav>
        {pathname === `${base}/inbound/new` ? null : (
          <Link to={`${base}/inbound/new`} className="btn-primary" data-testid="new-inbound">
            {t("inventory.newInbound")}
          </Link>
        )}
      </div>
      <Outlet />
    </div>
  );
}
