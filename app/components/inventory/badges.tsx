import { useTranslation } from "react-i18next";

const STATUS_STYLES: Record<string, string> = {
  DRAFT: "bg-slate-200 text-slate-800",
  IN_TRANSIT: "bg-sky-100 text-sky-900",
  PARTIALLY_RECEIVED: "bg-amber-100 text-amber-900",
  RECEIVED: "bg-emerald-100 text-emerald-800",
  CANCELLED: "bg-red-100 text-red-800",
};

/** An inbound shipment's status, in words (the colour only repeats them). */
export function InboundStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge whitespace-nowrap ${STATUS_STYLES[status] ?? STATUS_STYLES.DRAFT}`} data-testid="inbound-status" data-status={status}>
      {t(`inventory.status.${status}`)}
    </span>
  );
}

const KIND_STYLES: Record<string, string> = {
  RECEIPT: "bg-emerald-100 text-emerald-800",
  TRANSFER_IN: "bg-emerald-100 text-emerald-800",
  RESERVATION: "bg-sky-100 text-sky-900",
  RELEASE: "bg-slate-200 text-slate-800",
  PICK: "bg-brand-100 text-brand-900",
  SHIPMENT: "bg-brand-100 text-brand-900",
  ADJUSTMENT: "bg-amber-100 text-amber-900",
  CYCLE_COUNT: "bg-amber-100 text-amber-900",
  TRANSFER_OUT: "bg-slate-200 text-slate-800",
};

export function MovementKindBadge({ kind }: { kind: string }) {
  const { t } = useTranslation();
  return <span className={`badge whitespace-nowrap ${KIND_STYLES[kind] ?? KIND_STYLES.RELEASE}`}>{t(`inventory.kinds.${kind}`)}</span>;
}

const DISCREPANCY_STYLES: Record<string, string> = {
  SHORT: "bg-amber-100 text-amber-900",
  OVER: "bg-sky-100 text-sky-900",
  DAMAGED: "bg-red-100 text-red-800",
};

export function DiscrepancyBadge({ kind }: { kind: string }) {
  const { t } = useTranslation();
  return <span className={`badge ${DISCREPANCY_STYLES[kind] ?? DISCREPANCY_STYLES.SHORT}`}>{t(`inventory.discrepancyKinds.${kind}`)}</span>;
}
