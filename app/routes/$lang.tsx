import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useRouteLoaderData } from "@remix-run/react";
import { GeneralErrorPage } from "~/components/error-page";
import { SiteHeader } from "~/components/site-header";
import { SiteFooter } from "~/components/site-footer";
import { requireLang } from "~/modules/i18n/config";
import { buyerGate, cartCount } from "~/modules/ordering/cart.server";
import { useRootData } from "~/root";

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireLang(params);
  // The header's cart link: only for members of a buyer company (one membership read and one count).
  const gate = await buyerGate(request);
  return { cartLines: gate.ok ? await cartCount(gate.buyer.organization.id) : null };
}

function Shell({ children }: { children: React.ReactNode }) {
  const root = useRootData();
  const shell = useRouteLoaderData<typeof loader>("routes/$lang");
  return (
    <div className="flex min-h-screen flex-col">
      {root ? <SiteHeader root={root} cartLines={shell?.cartLines ?? null} /> : null}
      {/* tabIndex -1: the header's skip link moves the focus here (a fragment alone only scrolls). */}
      <main id="main" tabIndex={-1} className="flex-1 focus:outline-none">
        {children}
      </main>
      <SiteFooter />
    </div>
  );
}

export default function LangLayout() {
  return (
    <Shell>
      <Outlet />
    </Shell>
  );
}

export function ErrorBoundary() {
  return (
    <Shell>
      <GeneralErrorPage />
    </Shell>
  );
}
