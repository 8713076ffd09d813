import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { RouteLegView } from "~/modules/logistics/shipment-presenter.server";
import { RouteMap, type RouteMapLeg } from "./route-map";

/**
 * The tracking pages' map card: the route (route-map.tsx) with places named in the reader's language, the shipment's
 * position at its latest reported place. With `legList`, the map's own text list of legs (the public page, which
 * has no legs card).
 */
export function ShipmentRouteMap({ reference, legs, currentLocode, legList = false }: { reference: string; legs: RouteLegView[]; currentLocode: string | null; legList?: boolean }) {
  const { t } = useTranslation();
  const mapLegs = useMemo<RouteMapLeg[]>(
    () =>
      legs.map((leg) => ({
        sequence: leg.sequence,
        mode: leg.mode,
        fromLocode: leg.fromLocode,
        fromName: leg.from.name,
        toLocode: leg.toLocode,
        toName: leg.to.name,
        state: leg.state,
        progress: leg.progress,
      })),
    [legs],
  );
  return (
    <section aria-labelledby="shipment-route" className="card p-4 sm:p-6">
      <h2 id="shipment-route" className="mb-3 text-lg font-semibold">
        {t("logistics.shipmentPage.route")}
      </h2>
      <RouteMap legs={mapLegs} title={t("logistics.shipmentPage.mapTitle", { reference })} currentLocode={currentLocode} showLegList={legList} />
    </section>
  );
}
