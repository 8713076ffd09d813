import { useTranslation } from "react-i18next";
import type { ShipmentMilestone } from "~/generated/prisma/enums";

/** Colour only repeats the words: progress in blue, arrival in green, problems in red or amber. */
export const MILESTONE_TONE: Record<ShipmentMilestone, string> = {
  BOOKED: "bg-slate-100 text-slate-800",
  PICKED_UP: "bg-sky-100 text-sky-900",
  ARRIVED_AT_HUB: "bg-sky-100 text-sky-900",
  ARRIVED_AT_EXPORT_SITE: "bg-sky-100 text-sky-900",
  EXPORT_CUSTOMS_CLEARED: "bg-indigo-100 text-indigo-900",
  DEPARTED: "bg-sky-100 text-sky-900",
  ARRIVED_DEST: "bg-indigo-100 text-indigo-900",
  IMPORT_CUSTOMS_CLEARED: "bg-indigo-100 text-indigo-900",
  OUT_FOR_DELIVERY: "bg-violet-100 text-violet-900",
  DELIVERED: "bg-emerald-100 text-emerald-900",
  IMPORT_CUSTOMS_HOLD: "bg-red-100 text-red-900",
  DELAYED: "bg-amber-100 text-amber-900",
  DAMAGED: "bg-red-100 text-red-900",
  DELIVERY_FAILED: "bg-red-100 text-red-900",
  RETURNED: "bg-red-100 text-red-900",
  EXCEPTION: "bg-red-100 text-red-900",
};

/** The dot beside a timeline entry, in the same family of colours. */
export const MILESTONE_DOT: Record<ShipmentMilestone, string> = {
  BOOKED: "bg-slate-400",
  PICKED_UP: "bg-sky-600",
  ARRIVED_AT_HUB: "bg-sky-600",
  ARRIVED_AT_EXPORT_SITE: "bg-sky-600",
  EXPORT_CUSTOMS_CLEARED: "bg-indigo-600",
  DEPARTED: "bg-sky-600",
  ARRIVED_DEST: "bg-indigo-600",
  IMPORT_CUSTOMS_CLEARED: "bg-indigo-600",
  OUT_FOR_DELIVERY: "bg-violet-600",
  DELIVERED: "bg-emerald-600",
  IMPORT_CUSTOMS_HOLD: "bg-red-600",
  DELAYED: "bg-amber-500",
  DAMAGED: "bg-red-600",
  DELIVERY_FAILED: "bg-red-600",
  RETURNED: "bg-red-600",
  EXCEPTION: "bg-red-600",
};

/** A canonical milestone in the reader's language (locales/*\/logistics.json → milestones). */
export function useMilestoneName() {
  const { t } = useTranslation();
  return (milestone: ShipmentMilestone) => t(`logistics.milestones.${milestone}`);
}

export function MilestoneBadge({ milestone, className = "" }: { milestone: ShipmentMilestone; className?: string }) {
  const name = useMilestoneName();
  return <span className={`badge ${MILESTONE_TONE[milestone]} ${className}`}>{name(milestone)}</span>;
}
