import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { IntentButton } from "~/components/console/intent-button";
import { CsrfInput, FormSuccess } from "~/components/forms";
import { DiscrepancyBadge, InboundStatusBadge } from "~/components/inventory/badges";
import { InboundForm } from "~/components/inventory/inbound-form";
import { pageTitle } from "~/components/meta";
import { LinkedShipmentCard } from "~/components/logistics/shipment-list-link";
import { PhotoThumbnails } from "~/components/inventory/photo-thumbnails";
import { requireManufacturer } from "~/modules/catalog/product-form.server";
import { formErrorReply, parseForm, readForm } from "~/modules/http/forms.server";
import { notFound, requireUuid } from "~/modules/http/responses.server";
import { requireLang } from "~/modules/i18n/config";
import { formatDate, formatDateTime, formatNumber } from "~/modules/i18n/format";
import { serverT } from "~/modules/i18n/i18n.server";
import { findLinkedShipment } from "~/modules/logistics/shipment-list.server";
import { getInbound, InboundError, inboundFormOptions, inboundToFormValues, parseInboundForm, transitionInbound, updateInbound } from "~/modules/inventory/inbound.server";
import { warehouseCity } from "~/modules/inventory/cities";
import { photoIdOf } from "~/modules/inventory/receiving.server";

export const meta: MetaFunction = ({ data: loaded, ...args }) => {
  const reference = (loaded as { shipment?: { reference?: string } } | undefined)?.shipment?.reference;
  return reference ? [{ title: `${reference} · Ponte` }] : pageTitle({ data: loaded, ...args }, "inventory.inbound.title");
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireManufacturer(request, lang, params.orgId);
  const shipmentId = requireUuid(params.inboundId);
  const shipment = await getInbound(context.scoped, shipmentId, lang);
  if (!shipment) notFound();
  const t = serverT(lang);
  const base = `/${lang}/orgs/${context.organization.id}/inventory`;
  const n = (value: number) => formatNumber(value, lang);
  const editable = shipment.status === "DRAFT";
  const day = (date: Date) => formatDate(date, lang, { dateStyle: "medium", timeZone: "UTC" });
  return {
    base,
    // The replenishment's tracked shipment (logistics), once it is booked.
    tracking: await findLinkedShipment(context.scoped, { inboundShipmentId: shipment.id }, lang),
    shipment: {
      id: shipment.id,
      reference: shipment.reference,
      status: shipment.status,
      city: warehouseCity(t, shipment.warehouse),
      warehouse: { code: shipment.warehouse.code, name: shipment.warehouse.name, address: [shipment.warehouse.addressLine1, shipment.warehouse.postalCode].filter(Boolean).join(" · ") },
      created: formatDateTime(shipment.createdAt, lang),
      expected: day(shipment.expectedOn),
      shipped: shipment.shippedAt ? formatDateTime(shipment.shippedAt, lang) : null,
      received: shipment.receivedAt ? formatDateTime(shipment.receivedAt, lang) : null,
      cartons: n(shipment.cartons),
      notes: shipment.notes,
      updatedAt: shipment.updatedAt.toISOString(),
      totals: {
        expected: n(shipment.lines.reduce((s, l) => s + l.expectedQuantity, 0)),
        received: n(shipment.lines.reduce((s, l) => s + l.receivedQuantity, 0)),
        damaged: n(shipment.lines.reduce((s, l) => s + l.damagedQuantity, 0)),
      },
    },
    lines: shipment.lines.map((l) => ({
      id: l.id,
      sku: l.sku,
      productName: l.productName,
      expected: n(l.expectedQuantity),
      cartons: n(l.cartons),
      received: n(l.receivedQuantity),
      damaged: n(l.damagedQuantity),
      remaining: shipment.status === "IN_TRANSIT" || shipment.status === "PARTIALLY_RECEIVED" ? n(Math.max(0, l.expectedQuantity - l.receivedQuantity - l.damagedQuantity)) : null,
    })),
    discrepancies: shipment.discrepancies.map((d) => ({
      id: d.id,
      kind: d.kind,
      sku: d.sku,
      quantity: n(d.quantity),
      cartons: d.cartons,
      note: d.note,
      recorded: formatDateTime(d.createdAt, lang),
      photos: d.photoKeys.map((key) => {
        const photoId = photoIdOf(key);
        const url = `${base}/inbound/${shipment.id}/photos/${photoId}`;
        return { id: photoId, thumbnail: `${url}/w160.webp`, full: `${url}/w1200.webp` };
      }),
    })),
    form: editable ? { values: inboundToFormValues(shipment), options: await inboundFormOptions(context.scoped, lang) } : null,
  };
}

const IntentSchema = z.object({ intent: z.enum(["save", "ship", "cancel"]) });

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireManufacturer(request, lang, params.orgId);
  const shipmentId = requireUuid(params.inboundId);
  const t = serverT(lang);
  const form = await readForm(request, lang);
  const checked = await parseForm(request, IntentSchema, lang, form);
  if (!checked.ok) return checked.reply;
  const intent = checked.data.intent;
  try {
    if (intent === "save") {
      const parsed = parseInboundForm(form);
      if (!parsed.ok) return formErrorReply(lang, form, parsed.fieldErrors, "inventory.inbound.form.fixBelow");
      try {
        if (!(await updateInbound(context.scoped, shipmentId, parsed.input))) notFound();
      } catch (error) {
        if (error instanceof InboundError && error.field) return formErrorReply(lang, form, { [parsed.fieldFor(error.field)]: t(error.messageKey, error.params) }, "inventory.inbound.form.fixBelow");
        throw error;
      }
      return { ok: true as const, intent };
    }
    if (!(await transitionInbound(context.scoped, shipmentId, intent === "ship" ? "ship" : "cancel"))) notFound();
    return { ok: true as const, intent };
  } catch (error) {
    if (!(error instanceof InboundError)) throw error;
    // The shipment moved on meanwhile (shipped, being received): a conflict, said in words.
    return data({ ok: false as const, intent, formError: t(error.messageKey, error.params) }, { status: 409 });
  }
}

type Reply = { ok?: boolean; intent?: string; formError?: string; fieldErrors?: Record<string, string>; values?: Record<string, string> };

const STEPS = ["DRAFT", "IN_TRANSIT", "RECEIVED"] as const;

export default function InboundDetail() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const { shipment, base } = loaded;
  const reply = useActionData<typeof action>() as Reply | undefined;
  const [search] = useSearchParams();
  const intent = reply?.intent ?? reply?.values?.intent;
  const saveReply = intent === "save" && reply && !reply.ok ? reply : null;
  const message = reply?.ok ? t(`inventory.inbound.detail.done.${intent}`) : search.get("created") ? t("inventory.inbound.detail.done.created", { reference: shipment.reference }) : null;
  const conflict = reply && !reply.ok && !saveReply ? reply.formError : null;

  return (
    <div className="space-y-6">
      <nav className="text-sm">
        <Link to={`${base}/inbound`} className="link">
          ← {t("inventory.inbound.detail.back")}
        </Link>
      </nav>
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h2 className="font-mono text-2xl font-bold" data-testid="inbound-reference">
            {shipment.reference}
          </h2>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-700">
            <InboundStatusBadge status={shipment.status} />
            <span>
              {t("inventory.inbound.detail.to", { city: shipment.city })} <span className="font-mono text-xs text-slate-500">{shipment.warehouse.code}</span>
            </span>
            <span>· {t("inventory.inbound.detail.expected", { date: shipment.expected })}</span>
          </p>
          <p className="mt-1 text-xs text-slate-600">
            {shipment.warehouse.name} · {shipment.warehouse.address}
          </p>
        </div>
        {shipment.status === "DRAFT" || shipment.status === "IN_TRANSIT" ? (
          <div className="flex flex-wrap items-start gap-2">
            {shipment.status === "DRAFT" ? (
              <Form method="post">
                <CsrfInput />
                <IntentButton intent="ship" pendingLabel={t("inventory.inbound.detail.shipping")}>
                  {t("inventory.inbound.detail.ship")}
                </IntentButton>
              </Form>
            ) : null}
            <details className="relative">
              <summary className="btn-secondary cursor-pointer list-none">{t("inventory.inbound.detail.cancel")}</summary>
              <div className="absolute right-0 z-10 mt-2 w-72 rounded-lg border border-slate-200 bg-white p-4 shadow-lg">
                <p className="text-sm text-slate-700">{t("inventory.inbound.detail.cancelHelp")}</p>
                <Form method="post" className="mt-3">
                  <CsrfInput />
                  <IntentButton intent="cancel" pendingLabel={t("inventory.inbound.detail.cancelling")} className="btn-danger w-full">
                    {t("inventory.inbound.detail.cancelConfirm", { reference: shipment.reference })}
                  </IntentButton>
                </Form>
              </div>
            </details>
          </div>
        ) : null}
      </header>
      {shipment.status === "DRAFT" ? <p className="text-sm text-slate-600">{t("inventory.inbound.detail.shipHelp")}</p> : null}

      {message ? <FormSuccess>{message}</FormSuccess> : null}
      {conflict ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          {conflict}
        </p>
      ) : null}

      {loaded.tracking ? <LinkedShipmentCard shipment={loaded.tracking} headingLevel={3} /> : null}

      <section aria-labelledby="progress" className="card">
        <h3 id="progress" className="sr-only">
          {t("inventory.inbound.detail.progress")}
        </h3>
        {shipment.status === "CANCELLED" ? (
          <p className="text-sm font-medium text-red-800">{t("inventory.status.CANCELLED")}</p>
        ) : (
          <ol className="grid gap-3 sm:grid-cols-3">
            {STEPS.map((step, index) => {
              const position = shipment.status === "DRAFT" ? 0 : shipment.status === "IN_TRANSIT" ? 1 : shipment.status === "PARTIALLY_RECEIVED" ? 2 : 3;
              const state = index < position ? "done" : index === position ? "current" : "upcoming";
              const label = step === "RECEIVED" && shipment.status === "PARTIALLY_RECEIVED" ? t("inventory.status.PARTIALLY_RECEIVED") : t(`inventory.status.${step}`);
              const date = step === "DRAFT" ? shipment.created : step === "IN_TRANSIT" ? shipment.shipped : shipment.received;
              return (
                <li key={step} className={`rounded-md border-l-4 px-3 py-2 ${state === "done" ? "border-emerald-600 bg-emerald-50" : state === "current" ? "border-brand-600 bg-brand-50" : "border-slate-300 bg-slate-50"}`} aria-current={state === "current" ? "step" : undefined}>
                  <p className="text-sm font-semibold">
                    {state === "done" ? "✓ " : ""}
                    {label}
                  </p>
                  {date ? <p className="text-xs text-slate-600">{date}</p> : null}
                </li>
              );
            })}
          </ol>
        )}
      </section>

      <section aria-labelledby="lines" className="space-y-2">
        <h3 id="lines" className="text-lg font-semibold">
          {t("inventory.inbound.detail.lines")} <span className="text-sm font-normal text-slate-600">· {t("inventory.inbound.columns.cartons")}: {shipment.cartons}</span>
        </h3>
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full text-sm" data-testid="inbound-lines">
            <thead className="bg-slate-50 text-left text-xs text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("inventory.inbound.detail.columns.sku")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("inventory.inbound.detail.columns.product")}
                </th>
                {(["expected", "cartons", "received", "damaged", "remaining"] as const).map((c) => (
                  <th key={c} scope="col" className="px-3 py-2 text-right font-medium">
                    {t(`inventory.inbound.detail.columns.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {loaded.lines.map((l) => (
                <tr key={l.id}>
                  <td className="whitespace-nowrap px-3 py-2 font-mono text-xs font-semibold">{l.sku}</td>
                  <td className="min-w-[10rem] px-3 py-2">{l.productName}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{l.expected}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{l.cartons}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{l.received}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{l.damaged}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{l.remaining ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="notes" className="card">
        <h3 id="notes" className="text-sm font-semibold text-slate-700">
          {t("inventory.inbound.detail.notes")}
        </h3>
        <p className="mt-1 whitespace-pre-line text-sm">{shipment.notes || <span className="text-slate-500">{t("inventory.inbound.detail.noNotes")}</span>}</p>
      </section>

      {shipment.status !== "DRAFT" && shipment.status !== "CANCELLED" ? (
        <section aria-labelledby="discrepancies" className="space-y-2">
          <h3 id="discrepancies" className="text-lg font-semibold">
            {t("inventory.inbound.detail.discrepancies")}
          </h3>
          {loaded.discrepancies.length === 0 ? (
            <p className="text-sm text-slate-600">{t("inventory.inbound.detail.noDiscrepancies")}</p>
          ) : (
            <ul className="space-y-3" data-testid="discrepancies">
              {loaded.discrepancies.map((d) => (
                <li key={d.id} className="card p-4">
                  <p className="flex flex-wrap items-center gap-2 text-sm">
                    <DiscrepancyBadge kind={d.kind} />
                    <span className="font-mono text-xs font-semibold">{d.sku}</span>
                    <span>
                      {d.quantity} {t("inventory.dashboard.units")}
                      {d.cartons > 0 ? ` · ${t("inventory.inbound.detail.discrepancyCartons", { count: d.cartons })}` : ""}
                    </span>
                    <span className="text-xs text-slate-500">{d.recorded}</span>
                  </p>
                  {d.note ? <p className="mt-1 text-sm text-slate-700">{d.note}</p> : null}
                  {d.photos.length > 0 ? (
                    <PhotoThumbnails photos={d.photos} size={96} alt={(i) => t("inventory.inbound.detail.photo", { n: i + 1, kind: t(`inventory.discrepancyKinds.${d.kind}`), sku: d.sku })} />
                  ) : (
                    <p className="mt-1 text-xs text-slate-500">{t("inventory.inbound.detail.noPhotos")}</p>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      {loaded.form ? (
        <section aria-labelledby="edit" className="card">
          <h3 id="edit" className="mb-4 text-lg font-semibold">
            {t("inventory.inbound.detail.edit")}
          </h3>
          <InboundForm
            key={saveReply?.values ? JSON.stringify(saveReply.values) : shipment.updatedAt}
            values={saveReply?.values ?? loaded.form.values}
            errors={saveReply?.fieldErrors ?? {}}
            formError={saveReply?.formError}
            options={loaded.form.options}
            intent="save"
            submitLabel={t("inventory.inbound.detail.save")}
            pendingLabel={t("common.saving")}
          />
        </section>
      ) : null}
    </div>
  );
}
