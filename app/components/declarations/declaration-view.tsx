import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { CustomsMessages } from "~/components/export-agency/customs-messages";
import { OriginPanel } from "~/components/export-agency/origin-panel";
import { CsrfInput, FormError, SelectField, SubmitButton, TextField, type FormReply } from "~/components/forms";
import type { DeclarationView } from "~/modules/export-agency/declarations-presenter.server";
import type { Lang } from "~/modules/i18n/config";
import { DeclarationStatusBadge } from "./status-badge";

type Jsonified<T> = T extends bigint ? string : T extends Date ? string : T extends object ? { [K in keyof T]: Jsonified<T[K]> } : T;
export type DeclarationViewData = Jsonified<DeclarationView>;

function Section({ id, title, children, className = "" }: { id: string; title: string; children: ReactNode; className?: string }) {
  return (
    <section id={id} className={`card scroll-mt-20 p-4 ${className}`} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {title}
      </h2>
      <div className="mt-3">{children}</div>
    </section>
  );
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[minmax(0,auto)_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-600">{label}</dt>
          <dd className="break-words">{value === "" || value === null ? "—" : value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * A declaration's page body: the mismatches with their fix links, the three matching documents and the list side by
 * side (stacked on a phone), the parties, and for the agent the waybill form, the status actions and the customs
 * receipts; the history for both. The manufacturer gets the same, read-only.
 */
export function DeclarationBody({ lang, view, agent, reply, intent }: { lang: Lang; view: DeclarationViewData; agent: boolean; reply?: FormReply | null; intent?: string }) {
  const { t } = useTranslation();
  const r = (name: string) => (intent === name ? reply : null);
  return (
    <div className="space-y-6">
      <section aria-labelledby="mismatches-title" className={`card p-4 ${view.mismatches.length > 0 ? "border-red-300" : "border-emerald-300"}`}>
        <h2 id="mismatches-title" className="text-lg font-semibold">
          {view.mismatches.length > 0 ? t("agency.declaration.mismatches.title", { count: view.mismatches.length }) : t("agency.declaration.mismatches.none")}
        </h2>
        {view.mismatches.length > 0 ? (
          <ul className="mt-2 space-y-2" data-testid="mismatches">
            {view.mismatches.map((m, i) => (
              <li key={`${m.code}-${i}`} className="flex flex-wrap items-baseline justify-between gap-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900">
                <span>{m.message}</span>
                {agent ? (
                  <a href={m.href} className="font-semibold underline">
                    {t("agency.declaration.mismatches.fix")}
                  </a>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      {!view.editable && view.lockedBecause ? (
        <p role="note" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="locked">
          {view.lockedBecause}
        </p>
      ) : null}
      {view.rejectionReason && view.status === "REJECTED" ? (
        <p className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">{t("agency.declaration.rejectedBecause", { reason: view.rejectionReason })}</p>
      ) : null}

      <div className="grid gap-4 lg:grid-cols-3">
        <Section id="order" title={t("agency.documents.order")}>
          <Facts
            rows={[
              [t("agency.declaration.fields.orderNo"), view.order.href && agent ? <Link to={view.order.href} className="font-mono underline">{view.order.number}</Link> : <span className="font-mono">{view.order.number}</span>],
              [t("agency.declaration.fields.orderType"), view.order.orderType],
              [t("agency.declaration.fields.placed"), view.order.placed],
              [t("agency.declaration.fields.incoterm"), view.order.incoterm ?? ""],
              [t("agency.declaration.fields.goodsValue"), view.order.goodsValue],
              [t("agency.declaration.fields.freight"), view.order.freight],
              [t("agency.declaration.fields.total"), <strong key="t">{view.order.total}</strong>],
            ]}
          />
        </Section>
        <Section id="receipt" title={t("agency.documents.receipt")}>
          {view.receipt ? (
            <Facts
              rows={[
                [t("agency.declaration.fields.payNo"), <span key="p" className="break-all font-mono">{view.receipt.payNo}</span>],
                [t("agency.declaration.fields.payer"), view.receipt.payerName],
                [t("agency.declaration.fields.charge"), view.receipt.charge],
                ...(view.receipt.chargeInOrderCurrency ? [[t("agency.declaration.fields.chargeInOrderCurrency"), view.receipt.chargeInOrderCurrency] as [string, ReactNode]] : []),
                [t("agency.declaration.fields.accountingDate"), view.receipt.accountingDate],
              ]}
            />
          ) : (
            <p className="text-sm text-slate-700">{view.mode === "OVERSEAS_WAREHOUSE_9810" ? t("agency.declaration.noReceipt9810") : t("agency.declaration.noReceipt")}</p>
          )}
        </Section>
        <Section id="waybill-facts" title={t("agency.documents.waybill")}>
          <Facts
            rows={[
              [t("agency.declaration.fields.logisticsName"), view.waybill.logisticsName],
              [t("agency.declaration.fields.logisticsCode"), view.waybill.logisticsCode],
              [t("agency.declaration.fields.transportMode"), t(`agency.transport.${view.waybill.transportMode}`)],
              [t("agency.declaration.fields.logisticsNo"), <span key="n" className="font-mono">{view.waybill.logisticsNo}</span>],
              ...(view.waybill.transportMode === "SEA" ? [[t("agency.declaration.fields.containerNumber"), <span key="c" className="font-mono">{view.waybill.containerNumber}</span>] as [string, ReactNode]] : []),
              [t("agency.declaration.fields.waybillGrossWeight"), <span key="w" data-testid="waybill-gross">{view.waybill.grossWeight}</span>],
              [t("agency.declaration.fields.packages"), view.waybill.packages ?? ""],
              [t("agency.declaration.fields.freight"), view.waybill.freight],
            ]}
          />
        </Section>
      </div>

      <Section id="list" title={t("agency.documents.list")}>
        <p className="text-sm text-slate-700" data-testid="packing" data-gross-kg={view.packing.grossKg}>
          {t("agency.declaration.packing", { gross: view.packing.grossWeight, net: view.packing.netWeight, packages: view.packing.packages })}
        </p>
        <ol className="mt-3 space-y-3">
          {view.list.map((line) => (
            <li key={line.position} id={`line-${line.position}`} className="scroll-mt-20 rounded-md border border-slate-200 p-3">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <p className="font-semibold">
                  {line.position}. {line.itemName} {line.name !== line.itemName ? <span className="font-normal text-slate-600">({line.name})</span> : null}
                </p>
                <span className="font-mono text-sm">{line.sku}</span>
              </div>
              <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-3 lg:grid-cols-6">
                <div>
                  <dt className="text-slate-600">{t("agency.declaration.fields.hsCode")}</dt>
                  <dd className="font-mono">{line.hsCode || "—"}</dd>
                </div>
                <div>
                  <dt className="text-slate-600">{t("agency.declaration.fields.quantity")}</dt>
                  <dd>{line.quantity}</dd>
                </div>
                <div>
                  <dt className="text-slate-600">{t("agency.declaration.fields.unitPrice")}</dt>
                  <dd>{line.unitPrice}</dd>
                </div>
                <div>
                  <dt className="text-slate-600">{t("agency.declaration.fields.lineTotal")}</dt>
                  <dd>{line.total}</dd>
                </div>
                <div>
                  <dt className="text-slate-600">{t("agency.declaration.fields.netWeight")}</dt>
                  <dd>{line.netWeight}</dd>
                </div>
                <div>
                  <dt className="text-slate-600">{t("agency.declaration.fields.grossWeight")}</dt>
                  <dd>{line.grossWeight}</dd>
                </div>
              </dl>
              {agent && view.editable ? (
                <Form method="post" className="mt-2 flex flex-wrap items-end gap-2">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="hsCode" />
                  <input type="hidden" name="position" value={line.position} />
                  <TextField label={t("agency.declaration.hsForm.label", { position: line.position })} name="hsCode" defaultValue={line.hsCode} inputMode="numeric" maxLength={14} className="w-48" reply={intent === "hsCode" && reply?.values?.position === String(line.position) ? reply : null} />
                  <SubmitButton className="btn-secondary" pendingLabel={t("agency.declaration.saving")}>
                    {t("agency.declaration.hsForm.save")}
                  </SubmitButton>
                </Form>
              ) : null}
            </li>
          ))}
        </ol>
      </Section>

      <Section id="parties" title={t("agency.declaration.parties.title")}>
        <ul className="grid gap-3 sm:grid-cols-3">
          {view.parties.map((p) => (
            <li key={p.role} className="text-sm">
              <p className="text-slate-600">{t(`agency.declaration.parties.${p.role}`)}</p>
              <p className="font-semibold">{p.name}</p>
              <p className="font-mono">{p.code || t("agency.declaration.parties.noCode")}</p>
            </li>
          ))}
        </ul>
      </Section>

      {agent ? (
        <Section id="waybill" title={t("agency.declaration.waybillForm.title")}>
          {view.editable ? (
            <Form method="post" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" noValidate>
              <CsrfInput />
              <input type="hidden" name="intent" value="waybill" />
              <FormError reply={r("waybill")} />
              <TextField label={t("agency.declaration.fields.logisticsName")} name="logisticsName" defaultValue={view.waybill.form.logisticsName} maxLength={100} reply={r("waybill")} />
              <TextField label={t("agency.declaration.fields.logisticsCode")} name="logisticsCode" defaultValue={view.waybill.form.logisticsCode} maxLength={18} reply={r("waybill")} />
              <SelectField
                label={t("agency.declaration.fields.transportMode")}
                name="transportMode"
                defaultValue={view.waybill.form.transportMode}
                options={["AIR", "SEA", "ROAD"].map((m) => ({ value: m, label: t(`agency.transport.${m}`) }))}
                reply={r("waybill")}
              />
              <TextField label={t("agency.declaration.fields.logisticsNo")} name="logisticsNo" defaultValue={view.waybill.form.logisticsNo} maxLength={60} hint={t("agency.declaration.waybillForm.awbHint")} autoComplete="off" reply={r("waybill")} />
              <TextField label={t("agency.declaration.fields.containerNumber")} name="containerNumber" defaultValue={view.waybill.form.containerNumber} maxLength={15} hint={t("agency.declaration.waybillForm.containerHint")} autoComplete="off" reply={r("waybill")} />
              <TextField label={t("agency.declaration.waybillForm.grossWeightKg")} name="grossWeightKg" defaultValue={view.waybill.form.grossWeightKg} inputMode="decimal" maxLength={12} reply={r("waybill")} />
              <TextField label={t("agency.declaration.fields.packages")} name="packages" defaultValue={view.waybill.form.packages} inputMode="numeric" maxLength={6} reply={r("waybill")} />
              <TextField label={t("agency.declaration.waybillForm.freight", { currency: view.waybill.currencyCode })} name="freight" defaultValue={view.waybill.form.freight} inputMode="decimal" maxLength={20} reply={r("waybill")} />
              <TextField label={t("agency.declaration.waybillForm.insuredFee", { currency: view.waybill.currencyCode })} name="insuredFee" defaultValue={view.waybill.form.insuredFee} inputMode="decimal" maxLength={20} reply={r("waybill")} />
              <TextField label={t("agency.declaration.waybillForm.customsOffice")} name="customsOfficeCode" defaultValue={view.waybill.form.customsOfficeCode} inputMode="numeric" maxLength={4} reply={r("waybill")} />
              <TextField label={t("agency.declaration.waybillForm.port")} name="portCode" defaultValue={view.waybill.form.portCode} maxLength={10} reply={r("waybill")} />
              <TextField label={t("agency.declaration.waybillForm.note")} name="note" maxLength={500} className="sm:col-span-2" reply={r("waybill")} />
              <div className="flex items-end">
                <SubmitButton pendingLabel={t("agency.declaration.saving")}>{t("agency.declaration.waybillForm.save")}</SubmitButton>
              </div>
            </Form>
          ) : (
            <p className="text-sm text-slate-700">{view.lockedBecause}</p>
          )}
        </Section>
      ) : null}

      {agent && view.actions.length > 0 ? (
        <Section id="actions" title={t("agency.declaration.actions.title")}>
          <FormError reply={r("action")} />
          <div className="flex flex-wrap gap-4">
            {view.actions.map((action) => {
              const needsReason = action === "reject" || action === "amend";
              return (
                <Form key={action} method="post" className="flex flex-wrap items-end gap-2">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="action" />
                  {/* The button carries the action (name="action"): one value per field, or the form reads as a list. */}
                  {needsReason ? <TextField label={t(`agency.declaration.actions.reason.${action}`)} name="reason" required maxLength={500} className="w-64" reply={r("action")?.values?.action === action ? r("action") : null} /> : null}
                  <SubmitButton className={action === "reject" ? "btn-secondary text-red-800" : action === "validate" || action === "submit" ? "btn-primary" : "btn-secondary"} pendingLabel={t("agency.declaration.saving")} name="action" value={action}>
                    {t(`agency.declaration.actions.${action}`)}
                  </SubmitButton>
                </Form>
              );
            })}
          </div>
          {view.actions.includes("validate") && view.mismatches.length > 0 ? <p className="mt-2 text-sm text-slate-700">{t("agency.declaration.actions.validateBlocked")}</p> : null}
        </Section>
      ) : null}

      <OriginPanel origin={view.origin} lang={lang} />
      <CustomsMessages lang={lang} number={view.number} />
      {view.downloads.length > 0 ? (
        <Section id="downloads" title={t("agency.declaration.downloads.title")}>
          <ul className="flex flex-wrap gap-2">
            {view.downloads.map((d) => (
              <li key={d.key}>
                <a href={d.href} className="btn-secondary" download>
                  {d.label}
                </a>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      <Section id="receipts" title={t("agency.declaration.receipts.title")}>
        {view.receipts.length === 0 ? (
          <p className="text-sm text-slate-700">{t("agency.declaration.receipts.empty")}</p>
        ) : (
          <ul className="space-y-2 text-sm">
            {view.receipts.map((rc) => (
              <li key={rc.id} className="rounded-md border border-slate-200 p-2">
                <span className="font-mono">{rc.messageType}</span> · {rc.returnStatus} · {rc.received}
                {rc.returnInfo ? <p className="text-slate-700">{rc.returnInfo}</p> : null}
              </li>
            ))}
          </ul>
        )}
        {agent ? (
          <Form method="post" className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
            <CsrfInput />
            <input type="hidden" name="intent" value="receipt" />
            <FormError reply={r("receipt")} />
            <SelectField label={t("agency.declaration.receipts.messageType")} name="messageType" defaultValue="CEB604" options={["CEB604", "CEB304", "CEB404", "CEB506"].map((m) => ({ value: m, label: m }))} reply={r("receipt")} />
            <TextField label={t("agency.declaration.receipts.returnStatus")} name="returnStatus" required maxLength={20} reply={r("receipt")} />
            <TextField label={t("agency.declaration.receipts.returnInfo")} name="returnInfo" maxLength={500} reply={r("receipt")} />
            <TextField label={t("agency.declaration.receipts.receivedAt")} name="receivedAt" type="datetime-local" required reply={r("receipt")} />
            <div className="flex items-end">
              <SubmitButton className="btn-secondary" pendingLabel={t("agency.declaration.saving")}>
                {t("agency.declaration.receipts.record")}
              </SubmitButton>
            </div>
          </Form>
        ) : null}
      </Section>

      <Section id="history" title={t("agency.declaration.history.title")}>
        <ol className="space-y-2 text-sm" data-testid="history">
          {view.history.map((e) => (
            <li key={e.id} className="border-l-2 border-slate-300 pl-3">
              <p>
                <span className="font-semibold">{e.label}</span> · {e.from ? `${e.from} → ` : ""}
                {e.to}
              </p>
              <p className="text-slate-600">
                {e.who} · {e.when}
              </p>
              {e.note ? <p>{e.note}</p> : null}
              {e.previous ? <p className="break-words text-slate-600">{t("agency.declaration.history.previous", { values: e.previous })}</p> : null}
            </li>
          ))}
        </ol>
      </Section>
    </div>
  );
}

export function DeclarationHeader({ view }: { view: DeclarationViewData }) {
  const { t } = useTranslation();
  return (
    <header className="flex flex-wrap items-start justify-between gap-3">
      <div className="min-w-0">
        <h1 className="text-2xl font-bold sm:text-3xl">{t("agency.declaration.title", { number: view.number })}</h1>
        <p className="mt-1 text-sm text-slate-700">
          {t(`agency.mode.${view.mode}`)} · {t("agency.declaration.version", { version: view.version })} · {t("agency.declaration.destination", { country: view.destinationCountry })} · {view.created}
        </p>
        <p className="mt-1 break-all font-mono text-xs text-slate-600">guid {view.guid}</p>
      </div>
      <DeclarationStatusBadge status={view.status} />
    </header>
  );
}
