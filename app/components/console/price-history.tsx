import { useTranslation } from "react-i18next";
import { ScrollBox } from "~/components/scroll-box";

export interface PriceHistoryRow {
  id: string;
  date: string;
  by: string | null;
  before: string[];
  after: string[];
}

/** Every change of the product's price tiers, newest first (tiers formatted by the loader). */
export function PriceHistory({ rows }: { rows: PriceHistoryRow[] }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="history-title" id="price-history">
      <h2 id="history-title" className="text-lg font-semibold">
        {t("console.history.title")}
      </h2>
      <p className="mb-4 mt-1 text-sm text-slate-600">{t("console.history.help")}</p>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">{t("console.history.empty")}</p>
      ) : (
        <ScrollBox labelledBy="history-title">
          <table className="min-w-full text-sm" data-testid="price-history">
            <thead>
              <tr className="border-b border-slate-200 text-left text-xs text-slate-600">
                <th scope="col" className="py-2 pr-4 font-medium">{t("console.history.date")}</th>
                <th scope="col" className="py-2 pr-4 font-medium">{t("console.history.by")}</th>
                <th scope="col" className="py-2 pr-4 font-medium">{t("console.history.before")}</th>
                <th scope="col" className="py-2 font-medium">{t("console.history.after")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className="border-b border-slate-100 align-top">
                  <td className="whitespace-nowrap py-2 pr-4">{row.date}</td>
                  <td className="py-2 pr-4">{row.by ?? t("console.history.system")}</td>
                  <td className="py-2 pr-4">
                    {row.before.length === 0 ? (
                      <span className="text-slate-500">{t("console.history.initial")}</span>
                    ) : (
                      <ul>{row.before.map((line) => <li key={line}>{line}</li>)}</ul>
                    )}
                  </td>
                  <td className="py-2">
                    <ul>{row.after.map((line) => <li key={line}>{line}</li>)}</ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </section>
  );
}
