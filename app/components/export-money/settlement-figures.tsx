import { useTranslation } from "react-i18next";

/** A settlement's arithmetic in one row: received, the rate and its date, gross CNY, the fee, what the maker gets. */
export function SettlementFigures({ s }: { s: { received: string; rate: string; gross: string; feePercent: string; fee: string; net: string } }) {
  const { t } = useTranslation();
  return (
    <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-5">
      <div>
        <dt className="text-slate-600">{t("exportmoney.received")}</dt>
        <dd className="tabular-nums">{s.received}</dd>
      </div>
      <div className="col-span-2 sm:col-span-1">
        <dt className="text-slate-600">{t("exportmoney.rate")}</dt>
        <dd>{s.rate}</dd>
      </div>
      <div>
        <dt className="text-slate-600">{t("exportmoney.gross")}</dt>
        <dd className="tabular-nums">{s.gross}</dd>
      </div>
      <div>
        <dt className="text-slate-600">{t("exportmoney.fee", { percent: s.feePercent })}</dt>
        <dd className="tabular-nums">−{s.fee}</dd>
      </div>
      <div>
        <dt className="text-slate-600">{t("exportmoney.net")}</dt>
        <dd className="font-semibold tabular-nums">{s.net}</dd>
      </div>
    </dl>
  );
}
