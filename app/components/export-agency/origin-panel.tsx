import { useId } from "react";
import { useTranslation } from "react-i18next";
import { ScrollBox } from "~/components/scroll-box";
import type { Certainty, Fact, OriginData, OriginParty, OriginWarning, PreferentialOrigin } from "~/modules/export-agency/origin";
import { LOCALE_TAGS, type Lang } from "~/modules/i18n/config";
import { formatNumber } from "~/modules/i18n/format";

/**
 * The certificate-of-origin data of a declaration, read-only (export-documents.server.ts `declarationOrigin`): for a
 * China FTA partner the form, the fields to copy onto it and the points to check; elsewhere, that the commercial
 * invoice carries a plain non-preferential origin statement. Facts the domain reference does not confirm carry a
 * "to confirm" mark.
 */
export function OriginPanel({ origin, lang }: { origin: OriginData; lang: Lang }) {
  const { t } = useTranslation();
  const headingId = useId();
  const country = countryName(origin.kind === "statement" ? origin.destinationCountry : origin.fields.transport.destinationCountry, lang);
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5" data-testid="origin-panel">
      <h2 id={headingId} className="text-base font-semibold text-slate-900">
        {t("exportdocs.origin.title")}
      </h2>
      {origin.kind === "statement" ? (
        <div className="mt-2 space-y-2 text-sm text-slate-700">
          <p>{t("exportdocs.origin.nonPreferential", { country })}</p>
          <p className="rounded bg-slate-50 p-3 text-slate-800">{t("exportdocs.origin.statement", { country })}</p>
          <p>
            {t("exportdocs.origin.nonPreferentialCertificate")} <ToConfirm certainty={origin.nonPreferentialCertificate.certainty} />
          </p>
        </div>
      ) : (
        <Preferential origin={origin} lang={lang} />
      )}
    </section>
  );
}

function Preferential({ origin, lang }: { origin: PreferentialOrigin; lang: Lang }) {
  const { t } = useTranslation();
  const itemsId = useId();
  const { rule, fields } = origin;
  const facts: [string, Fact<string> | null][] = [
    [t("exportdocs.origin.agreement"), { value: t(`exportdocs.origin.agreements.${rule.partner}`), certainty: "confirmed" }],
    // An unconfirmed form has no name we could stand by: the agreement's certificate, to confirm.
    [t("exportdocs.origin.form"), rule.form.certainty === "confirmed" ? rule.form : { value: t("exportdocs.origin.formUnknown"), certainty: "toConfirm" }],
    [t("exportdocs.origin.inForce"), rule.inForce],
    [t("exportdocs.origin.maxItems"), rule.maxItems ? { value: formatNumber(rule.maxItems.value, lang), certainty: rule.maxItems.certainty } : null],
    [t("exportdocs.origin.hsDigits"), { value: formatNumber(rule.hsDigits.value, lang), certainty: rule.hsDigits.certainty }],
    [t("exportdocs.origin.validity"), rule.validityMonths ? { value: t("exportdocs.origin.months", { months: formatNumber(rule.validityMonths.value, lang) }), certainty: rule.validityMonths.certainty } : null],
  ];
  const transport = fields.transport;
  return (
    <div className="mt-3 space-y-4 text-sm">
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-3">
        {facts.map(([label, fact]) =>
          fact ? (
            <div key={label}>
              <dt className="text-xs font-medium text-slate-600">{label}</dt>
              <dd className="font-medium text-slate-900">
                {fact.value} <ToConfirm certainty={fact.certainty} />
              </dd>
            </div>
          ) : null,
        )}
      </dl>

      <Warnings warnings={origin.warnings} lang={lang} itemCount={fields.items.length} />

      <div>
        <h3 className="text-sm font-semibold text-slate-900">{t("exportdocs.origin.fields")}</h3>
        <dl className="mt-2 grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-2">
          <PartyField label={t("exportdocs.origin.exporter")} party={fields.exporter} lang={lang} />
          <PartyField label={t("exportdocs.origin.consignee")} party={fields.consignee} lang={lang} />
          <div>
            <dt className="text-xs font-medium text-slate-600">{t("exportdocs.origin.transport")}</dt>
            <dd className="text-slate-900">
              {t(`exportdocs.origin.transportModes.${transport.mode}`)} · {t("exportdocs.origin.portOfLoading")}: {transport.portOfLoading} → {countryName(transport.destinationCountry, lang)}
              <br />
              {t("exportdocs.origin.waybill")}: {transport.logisticsNo || <Empty />}
              {transport.containerNumber ? ` · ${t("exportdocs.origin.container")}: ${transport.containerNumber}` : null}
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium text-slate-600">{t("exportdocs.origin.invoice")}</dt>
            <dd className="text-slate-900">
              {fields.invoice.number} · <time dateTime={fields.invoice.date}>{fields.invoice.date}</time>
            </dd>
          </div>
        </dl>
      </div>

      <div>
        <h3 id={itemsId} className="text-sm font-semibold text-slate-900">
          {t("exportdocs.origin.items")}
        </h3>
        <ScrollBox labelledBy={itemsId} className="mt-2">
          <table className="min-w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-xs text-slate-600">
              <tr>
                <th scope="col" className="py-1.5 pr-3 font-medium">{t("exportdocs.origin.no")}</th>
                <th scope="col" className="py-1.5 pr-3 font-medium">{t("exportdocs.origin.description")}</th>
                <th scope="col" className="py-1.5 pr-3 font-medium">{t("exportdocs.origin.hs6")}</th>
                <th scope="col" className="py-1.5 pr-3 text-right font-medium">{t("exportdocs.origin.quantity")}</th>
                <th scope="col" className="py-1.5 pr-3 text-right font-medium">{t("exportdocs.origin.grossWeight")}</th>
                <th scope="col" className="py-1.5 font-medium">{t("exportdocs.origin.criterionColumn")}</th>
              </tr>
            </thead>
            <tbody>
              {fields.items.map((item) => (
                <tr key={item.position} className="border-b border-slate-100 align-top">
                  <td className="py-1.5 pr-3 tabular-nums">{item.position}</td>
                  <td className="py-1.5 pr-3">{item.description}</td>
                  <td className="py-1.5 pr-3 font-mono">{item.hs6 || <Empty />}</td>
                  <td className="py-1.5 pr-3 text-right tabular-nums">{formatNumber(item.quantity, lang)}</td>
                  <td className="py-1.5 pr-3 text-right tabular-nums">{formatNumber(item.grossWeightG / 1000, lang, { minimumFractionDigits: 3, maximumFractionDigits: 3 })}</td>
                  <td className="py-1.5 text-slate-700">{t("exportdocs.origin.criterionValue")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      </div>
    </div>
  );
}

function PartyField({ label, party, lang }: { label: string; party: OriginParty; lang: Lang }) {
  return (
    <div>
      <dt className="text-xs font-medium text-slate-600">{label}</dt>
      <dd className="text-slate-900">
        {party.name || <Empty />}
        {party.nameZh && party.nameZh !== party.name ? (
          <>
            <br />
            <span lang="zh-CN">{party.nameZh}</span>
          </>
        ) : null}
        {party.address.map((line) => (
          <span key={line} className="block text-slate-700">
            {line}
          </span>
        ))}
        {party.countryCode ? <span className="block text-slate-700">{countryName(party.countryCode, lang)}</span> : null}
      </dd>
    </div>
  );
}

const SEVERITY_STYLE = {
  block: "border-red-200 bg-red-50 text-red-900",
  warn: "border-amber-200 bg-amber-50 text-amber-900",
  info: "border-slate-200 bg-slate-50 text-slate-800",
} as const;

function Warnings({ warnings, lang, itemCount }: { warnings: OriginWarning[]; lang: Lang; itemCount: number }) {
  const { t } = useTranslation();
  if (warnings.length === 0) return null;
  return (
    <div>
      <h3 className="text-sm font-semibold text-slate-900">{t("exportdocs.origin.warnings")}</h3>
      <ul className="mt-2 space-y-1.5">
        {warnings.map((warning, i) => (
          <li key={`${warning.code}-${i}`} className={`rounded border px-3 py-2 ${SEVERITY_STYLE[warning.severity]}`} data-warning={warning.code}>
            {warningText(warning, t, lang, itemCount)} {"certainty" in warning ? <ToConfirm certainty={warning.certainty} /> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

type T = ReturnType<typeof useTranslation>["t"];

export function warningText(warning: OriginWarning, t: T, lang: Lang, itemCount: number): string {
  const list = (numbers: number[]) => numbers.map((n) => formatNumber(n, lang)).join(", ");
  switch (warning.code) {
    case "split":
      return t("exportdocs.origin.warning.split", {
        items: formatNumber(itemCount, lang),
        max: formatNumber(warning.maxItems, lang),
        certificates: formatNumber(warning.certificates, lang),
        groups: warning.groups.map((group) => t("exportdocs.origin.warning.group", { first: group[0], last: group[group.length - 1] })).join("; "),
      });
    case "transitHkMacau":
      return t("exportdocs.origin.warning.transitHkMacau");
    case "notInForce":
      return t("exportdocs.origin.warning.notInForce", { date: warning.inForce });
    case "notChinese":
      return t("exportdocs.origin.warning.notChinese", { positions: list(warning.positions) });
    case "missing":
      return t("exportdocs.origin.warning.missing", { field: t(`exportdocs.origin.missingFields.${warning.field}`) });
    case "criterion":
      return t(`exportdocs.origin.warning.criterion_${warning.rule}`, { percent: warning.rvcPercent ?? "" });
    case "validity":
      return t("exportdocs.origin.warning.validity", { months: formatNumber(warning.months, lang) });
    case "retroactive":
      return t("exportdocs.origin.warning.retroactive", { months: formatNumber(warning.months, lang) });
    case "thirdPartyInvoice":
      return t("exportdocs.origin.warning.thirdPartyInvoice");
    case "toConfirm":
      return t("exportdocs.origin.warning.toConfirm", { facts: warning.facts.map((fact) => t(`exportdocs.origin.facts.${fact}`)).join(", ") });
  }
}

function ToConfirm({ certainty }: { certainty: Certainty }) {
  const { t } = useTranslation();
  if (certainty !== "toConfirm") return null;
  return <span className="ml-1 inline-block rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">{t("exportdocs.origin.toConfirmBadge")}</span>;
}

function Empty() {
  const { t } = useTranslation();
  return <span className="italic text-slate-500">{t("exportdocs.origin.empty")}</span>;
}

function countryName(code: string, lang: Lang): string {
  try {
    return new Intl.DisplayNames([LOCALE_TAGS[lang]], { type: "region" }).of(code.trim().toUpperCase()) ?? code;
  } catch {
    return code;
  }
}
