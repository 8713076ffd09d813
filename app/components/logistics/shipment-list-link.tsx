import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { LinkedShipment } from "~/modules/logistics/shipment-list.server";
import { statusGroupOf } from "~/modules/logistics/shipment-list";
import { ShipmentListStatus } from "./shipment-list";

/** The shipment of an order, a declaration or an inbound shipment: reference, status, estimated arrival and a link. */
export function LinkedShipmentCard({ shipment, className, headingLevel = 2 }: { shipment: LinkedShipment | null; className?: string; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const Heading = headingLevel === 3 ? "h3" : "h2";
  return (
    <section className={["card p-4", className].filter(Boolean).join(" ")} aria-labelledby="linked-shipment-title" data-testid="linked-shipment">
      <Heading id="linked-shipment-title" className="text-base font-semibold">
        {t("logistics.shipmentList.linked.title")}
      </Heading>
      {shipment ? (
        <>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="text-slate-600">{t("logistics.shipmentList.linked.reference")}</dt>
            <dd className="font-mono">{shipment.reference}</dd>
            <dt className="text-slate-600">{t("logistics.shipmentList.linked.status")}</dt>
            <dd>
              <ShipmentListStatus status={shipment.status} group={statusGroupOf(shipment.status)} exception={shipment.exception} late={shipment.late} />
            </dd>
            <dt className="text-slate-600">{t("logistics.shipmentList.linked.eta")}</dt>
            <dd>{shipment.delivered ? t("logistics.shipmentList.deliveredOn", { date: shipment.delivered }) : shipment.eta}</dd>
          </dl>
          <p className="mt-3 text-sm">
            <Link to={shipment.href} className="link font-medium">
              {t("logistics.shipmentList.linked.open")}
            </Link>
          </p>
        </>
      ) : (
        <p className="mt-2 text-sm text-slate-600">{t("logistics.shipmentList.linked.none")}</p>
      )}
    </section>
  );
}
