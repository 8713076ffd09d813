import { useEffect } from "react";

/**
 * Counts a page visit after the page is shown, off the page's critical path: the page itself may come from the page
 * cache (no loader runs), so the browser reports the visit with one small beacon once it has rendered. Crawlers
 * that run no script are not counted, which is what the operator wants from "visits".
 */
export function VisitBeacon({ storefront, booth }: { storefront: string; booth?: string | null }) {
  useEffect(() => {
    const body = new URLSearchParams({ storefront, ...(booth ? { booth } : {}) });
    if (typeof navigator.sendBeacon === "function" && navigator.sendBeacon("/showroom-visit", body)) return;
    void fetch("/showroom-visit", { method: "POST", body, keepalive: true, credentials: "same-origin" }).catch(() => undefined);
  }, [storefront, booth]);
  return null;
}
