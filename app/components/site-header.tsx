import { Form, Link, NavLink, useLocation, useSearchParams } from "@remix-run/react";
import { useEffect, useRef, type FocusEvent, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { LANG_NAMES, LANGS, type Lang } from "~/modules/i18n/config";
import type { TextVariant } from "~/modules/i18n/locale";
import type { RootData } from "~/root";
import { CsrfInput } from "./forms";
import { SearchBox } from "./search-box";

export function SiteHeader({ root, cartLines = null }: { root: RootData; cartLines?: number | null }) {
  const { t } = useTranslation();
  const { lang, user, memberships, activeOrganizationId } = root;
  const active = memberships.find((m) => m.id === activeOrganizationId) ?? memberships[0];
  return (
    <header className="border-b border-slate-200 bg-white">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        {t("nav.skipToContent")}
      </a>
      {/* One row from 1280 px on (the page's width is no limit there): the longest ones (a buyer's or a manufacturer's
          in Spanish or Portuguese, a Spanish park operator's) fit because the language and account links, and the
          Shipments and RFQs links, show their icon only below 1536 px (names kept for screen readers and as a
          tooltip), and the search is narrower. */}
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3 xl:max-w-none xl:flex-nowrap xl:gap-x-2.5 xl:px-8 2xl:gap-x-4">
        <Link to={`/${lang}`} className="flex items-center gap-2 text-xl font-black tracking-tight text-brand-700">
          <span aria-hidden className="grid h-8 w-8 place-items-center rounded-md bg-brand-600 text-sm text-white">桥</span>
          Ponte
        </Link>
        <nav aria-label={t("nav.main")} className="flex min-w-0 flex-1 flex-wrap items-center gap-x-4 gap-y-1 text-sm xl:gap-x-2.5 2xl:gap-x-3">
          <NavLink to={`/${lang}/products`} className={({ isActive }) => `whitespace-nowrap ${isActive ? "font-semibold text-brand-700" : "text-slate-700 hover:text-slate-900"}`} data-testid="nav-products">
            {t("browse.nav.products")}
          </NavLink>
          <NavLink to={`/${lang}/showrooms`} className={({ isActive }) => `whitespace-nowrap ${isActive ? "font-semibold text-brand-700" : "text-slate-700 hover:text-slate-900"}`} data-testid="nav-showrooms">
            {t("showrooms.public.nav")}
          </NavLink>
          {user ? (
            <NavLink to={`/${lang}/dashboard`} className={({ isActive }) => (isActive ? "font-semibold text-brand-700" : "text-slate-700 hover:text-slate-900")}>
              {t("nav.dashboard")}
            </NavLink>
          ) : null}
          {user && active && active.kind !== "PARK_OPERATOR" ? (
            <NavLink to={`/${lang}/orders`} className={({ isActive }) => `whitespace-nowrap ${isActive ? "font-semibold text-brand-700" : "text-slate-700 hover:text-slate-900"}`} data-testid="nav-orders">
              {t("orders.nav")}
            </NavLink>
          ) : null}
          {user && active && active.kind !== "PARK_OPERATOR" ? (
            <NavLink to={`/${lang}/shipments`} className={({ isActive }) => `flex items-center whitespace-nowrap ${isActive ? "font-semibold text-brand-700" : "text-slate-700 hover:text-slate-900"}`} data-testid="nav-shipments" title={t("logistics.shipmentList.nav")}>
              <span aria-hidden className="icon icon-truck hidden h-5 w-5 xl:block 2xl:hidden" />
              <span className="xl:sr-only 2xl:not-sr-only">{t("logistics.shipmentList.nav")}</span>
            </NavLink>
          ) : null}
          {user ? (
            <NavLink to={`/${lang}/rfqs`} className={({ isActive }) => `flex items-center whitespace-nowrap ${isActive ? "font-semibold text-brand-700" : "text-slate-700 hover:text-slate-900"}`} data-testid="nav-rfqs" title={t("rfq.nav")}>
              <span aria-hidden className="icon icon-quote hidden h-5 w-5 xl:block 2xl:hidden" />
              <span className="xl:sr-only 2xl:not-sr-only">{t("rfq.nav")}</span>
            </NavLink>
          ) : null}
        </nav>
        <HeaderSearch lang={lang} />
        <div className="flex flex-wrap items-center gap-3 text-sm xl:flex-nowrap xl:gap-2.5 2xl:gap-3">
          {cartLines !== null ? (
            <Link to={`/${lang}/cart`} className="relative flex items-center whitespace-nowrap text-slate-700 hover:text-slate-900" aria-label={t("cart.header.count", { count: cartLines })} title={t("cart.header.link")} data-testid="cart-link">
              <span aria-hidden className="icon icon-cart hidden h-5 w-5 xl:inline-block 2xl:hidden" />
              <span className="xl:sr-only 2xl:not-sr-only">{t("cart.header.link")}</span>
              {cartLines > 0 ? <span className="ml-1 rounded-full bg-brand-600 px-1.5 py-0.5 text-xs font-semibold text-white">{cartLines}</span> : null}
            </Link>
          ) : null}
          {user && memberships.length > 0 ? <OrganizationSwitcher lang={lang} memberships={memberships} activeId={active?.id} /> : null}
          <LanguageSwitcher lang={lang} variant={root.viewer.variant} />
          {user ? (
            <>
              <NotificationBell lang={lang} unread={root.unreadNotifications} />
              <Link to={`/${lang}/account`} className="flex items-center gap-1.5 whitespace-nowrap text-slate-700 hover:text-slate-900" data-testid="account-link" title={user.name}>
                <span aria-hidden className="icon icon-person hidden h-5 w-5 xl:block 2xl:hidden" />
                <span className="xl:sr-only 2xl:not-sr-only">{user.name}</span>
              </Link>
              <Form method="post" action={`/${lang}/logout`}>
                <CsrfInput />
                <button type="submit" className="btn-secondary whitespace-nowrap px-3 py-1.5">
                  {t("nav.logout")}
                </button>
              </Form>
            </>
          ) : (
            <>
              <Link to={`/${lang}/login`} className="link">
                {t("nav.login")}
              </Link>
              <Link to={`/${lang}/signup`} className="btn-primary px-3 py-1.5">
                {t("nav.signup")}
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}

/** The in-app notifications: a bell with the unread count, leading to /{lang}/notifications. */
function NotificationBell({ lang, unread }: { lang: Lang; unread: number }) {
  const { t } = useTranslation();
  return (
    <Link
      to={`/${lang}/notifications`}
      className="relative inline-flex items-center rounded-md p-1.5 text-slate-700 hover:bg-slate-100 hover:text-slate-900"
      aria-label={unread > 0 ? t("activity.bell.unread", { count: unread }) : t("activity.bell.label")}
      title={t("activity.bell.label")}
      data-testid="notification-bell"
    >
      <span aria-hidden className="icon icon-bell h-5 w-5" />
      {unread > 0 ? (
        <span aria-hidden className="absolute -right-1 -top-1 min-w-[1.1rem] rounded-full bg-red-600 px-1 text-center text-[0.7rem] font-semibold leading-[1.1rem] text-white" data-testid="notification-count">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </Link>
  );
}

/** Portuguese is offered twice: as Brazil writes it and as Portugal, Angola and Mozambique write it (the URL stays /pt). */
const PORTUGAL_NAME = "Português (Portugal)";
const BRAZIL_NAME = "Português (Brasil)";

/**
 * A plain form per language: works without JavaScript, keyboard-reachable, saves the choice server-side. Beside
 * "Português", "Português (Portugal)" picks European Portuguese; once it is in use, the other one reads
 * "Português (Brasil)" and picks Brazilian Portuguese explicitly (set-language.tsx keeps the choice in a cookie).
 */
export function LanguageSwitcher({ lang, variant }: { lang: Lang; variant: TextVariant | null }) {
  const { t } = useTranslation();
  const location = useLocation();
  const menu = useHeaderMenu();
  const european = lang === "pt" && variant === "pt-PT";
  const choices = LANGS.flatMap((l) =>
    l === "pt"
      ? [
          { value: variant === "pt-PT" ? "pt-BR" : "pt", name: variant === "pt-PT" ? BRAZIL_NAME : LANG_NAMES.pt, tag: "pt-BR", current: lang === "pt" && !european },
          { value: "pt-PT", name: PORTUGAL_NAME, tag: "pt-PT", current: european },
        ]
      : [{ value: l, name: LANG_NAMES[l], tag: l, current: l === lang }],
  );
  return (
    <details {...menu} className="relative" data-testid="language-switcher">
      <summary className="flex cursor-pointer list-none items-center gap-1.5 whitespace-nowrap rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100">
        <span className="sr-only">{t("nav.language")}: </span>
        <GlobeIcon />
        <span className="xl:sr-only 2xl:not-sr-only">{european ? PORTUGAL_NAME : LANG_NAMES[lang]}</span>
      </summary>
      <Form method="post" action="/set-language" className="absolute right-0 z-20 mt-1 w-48 rounded-md border border-slate-200 bg-white py-1 shadow-lg">
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
        {choices.map((c) => (
          <button key={c.value} type="submit" name="lang" value={c.value} lang={c.tag} aria-current={c.current ? "true" : undefined} className="menu-item">
            {c.name}
          </button>
        ))}
      </Form>
    </details>
  );
}

function OrganizationSwitcher({ lang, memberships, activeId }: { lang: Lang; memberships: RootData["memberships"]; activeId?: string }) {
  const { t } = useTranslation();
  const active = memberships.find((m) => m.id === activeId);
  const menu = useHeaderMenu();
  return (
    <details {...menu} className="relative min-w-0" data-testid="organization-switcher">
      <summary className="max-w-[14rem] cursor-pointer list-none truncate rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100 xl:max-w-[18rem] 2xl:max-w-[24rem]" title={active?.name}>
        <span className="sr-only">{t("nav.switchOrganization")}: </span>
        {active?.name ?? t("nav.switchOrganization")}
      </summary>
      <Form method="post" action={`/${lang}/orgs/switch`} className="absolute right-0 z-20 mt-1 w-72 rounded-md border border-slate-200 bg-white py-1 shadow-lg">
        <CsrfInput />
        {memberships.map((m) => (
          <button key={m.id} type="submit" name="organizationId" value={m.id} aria-current={m.id === activeId ? "true" : undefined} className="menu-item py-2">
            <span className="block truncate">{m.name}</span>
            <span className="text-xs text-slate-600">
              {t(`organizationKinds.${m.kind}`)} · {t(`roles.${m.role}`)}
            </span>
          </button>
        ))}
        <Link to={`/${lang}/orgs/new`} className="block border-t border-slate-100 px-3 py-2 text-brand-700 hover:bg-slate-100">
          + {t("nav.newOrganization")}
        </Link>
      </Form>
    </details>
  );
}

/**
 * A header menu on <details> (it opens without JavaScript): with it, Escape closes the menu and gives the focus
 * back to its button, the menu closes when the focus moves past it (Tab after the last choice), and once the chosen page has loaded (a client-side navigation keeps it open otherwise).
 */
function useHeaderMenu() {
  const ref = useRef<HTMLDetailsElement>(null);
  const { key } = useLocation();
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [key]);
  return {
    ref,
    onKeyDown(event: KeyboardEvent<HTMLDetailsElement>) {
      const details = event.currentTarget;
      if (event.key !== "Escape" || !details.open) return;
      event.preventDefault();
      details.open = false;
      details.querySelector("summary")?.focus();
    },
    onBlur(event: FocusEvent<HTMLDetailsElement>) {
      const details = event.currentTarget;
      // Only when the focus moved to something else: a click on a choice may not focus it (Safari), and must land.
      const next = event.relatedTarget as Node | null;
      if (details.open && next && !details.contains(next)) details.open = false;
    },
  };
}

function GlobeIcon() {
  return <span aria-hidden className="icon icon-globe h-4 w-4" />;
}

/** The catalog search on every page; on the products page it shows the current search. */
function HeaderSearch({ lang }: { lang: Lang }) {
  const location = useLocation();
  const [params] = useSearchParams();
  const onProducts = location.pathname === `/${lang}/products`;
  // Where it stands in the page is where it is in the Tab order: on a phone its own row under the links, above the
  // account controls (no `order-last`, which showed it below them while Tab reached it first).
  return <SearchBox lang={lang} defaultValue={onProducts ? (params.get("q") ?? "") : ""} className="w-full sm:w-72 xl:w-52 xl:shrink-0 2xl:w-64" />;
}
