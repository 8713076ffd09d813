import { useTranslation } from "react-i18next";

const TONE: Record<string, string> = {
  PLACED: "bg-slate-100 text-slate-800",
  AWAITING_PAYMENT: "bg-amber-100 text-amber-900",
  PAID: "bg-emerald-100 text-emerald-900",
  IN_FULFILMENT: "bg-sky-100 text-sky-900",
  SHIPPED: "bg-indigo-100 text-indigo-900",
  DELIVERED: "bg-violet-100 text-violet-900",
  COMPLETED: "bg-emerald-200 text-emerald-950",
  CANCELLED: "bg-red-100 text-red-900",
};

/** An order's status in words (colour only repeats it). */
export function OrderStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${TONE[status] ?? TONE.PLACED}`}>{t(`orders.status.${status}`)}</span>;
}
