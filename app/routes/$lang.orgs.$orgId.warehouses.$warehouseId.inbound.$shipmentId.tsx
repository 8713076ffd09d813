import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfInput, FormError, FormSuccess, type FormReply } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { LinkedShipmentCard } from "~/components/logistics/shipment-list-link";
import { DiscrepancyBadge, InboundStatusBadge } from "~/components/warehouse/badges";
import { PhotoThumbnails } from "~/components/inventory/photo-thumbnails";
import { MAX_IMAGE_BYTES } from "~/modules/catalog/images.server";
import { formErrorReply, parseForm, readForm } from "~/modules/http/forms.server";
import { readMultipart } from "~/modules/http/multipart.server";
import { notFound, requireUuid } from "~/modules/http/responses.server";
import { requireLang } from "~/modules/i18n/config";
import { formatNumber } from "~/modules/i18n/format";
import { serverT } from "~/modules/i18n/i18n.server";
import { findWarehouseInboundShipment } from "~/modules/logistics/shipment-list.server";
import { ReceivingError } from "~/modules/inventory/errors";
import { DISCREPANCY_KINDS, MAX_DISCREPANCY_ROWS, MAX_NOTE_LENGTH, MAX_PHOTOS_PER_DISCREPANCY } from "~/modules/inventory/limits";
import { parseReceiptForm, RECEIVABLE, receiveInboundShipment, receivingErrorField, receivingErrorKey } from "~/modules/inventory/receiving.server";
import { requireWarehouseAccess } from "~/modules/inventory/warehouse-access.server";
import { calendarDate, getInboundForWarehouse, warehouseDateTime } from "~/modules/inventory/warehouse-desk.server";
import { warehouseCity } from "~/modules/inventory/cities";

export const meta: MetaFunction = (args) => pageTitle(args, "warehouse.receive.title");

/** A whole receipt with its photos: 6 photos on a few rows, well under what one request may carry. */
// Photos of every discrepancy row in one receipt, within one bound on the whole body.
const RECEIPT_UPLOAD = { maxFiles: MAX_DISCREPANCY_ROWS * MAX_PHOTOS_PER_DISCREPANCY, maxFileBytes: MAX_IMAGE_BYTES, maxTotalBytes: 64 * 1024 * 1024 };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireWarehouseAccess(request, lang, params.orgId, params.warehouseId);
  const shipmentId = requireUuid(params.shipmentId);
  const { warehouse, data } = context;
  const shipment = await getInboundForWarehouse(data, shipmentId, lang);
  if (!shipment) notFound();
  const t = serverT(lang);
  const n = (value: number) => formatNumber(value, lang);
  const base = `/${lang}/orgs/${context.organization.id}/warehouses/${warehouse.id}`;
  const photoUrl = (photoId: string, width: 160 | 1200) => `${base}/inbound/${shipment.id}/photos/${photoId}/w${width}.webp`;
  return {
    base,
    warehouse: {
      city: warehouseCity(t, warehouse),
    },
    receivable: RECEIVABLE.includes(shipment.status),
    tracking: await findWarehouseInboundShipment(warehouse.id, shipment.id, lang, warehouse.timeZone),
    maxPhotoMegabytes: MAX_IMAGE_BYTES / 1024 / 1024,
    shipment: {
      id: shipment.id,
      reference: shipment.reference,
      manufacturer: shipment.manufacturer,
      status: shipment.status,
      expectedOn: calendarDate(shipment.expectedOn, lang),
      shippedAt: shipment.shippedAt ? warehouseDateTime(shipment.shippedAt, lang, warehouse.timeZone) : null,
      receivedAt: shipment.receivedAt ? warehouseDateTime(shipment.receivedAt, lang, warehouse.timeZone) : null,
      cartons: n(shipment.cartons),
      notes: shipment.notes,
      hasDiscrepancies: shipment.hasDiscrepancies,
    },
    lines: shipment.lines.map((l) => ({
      id: l.id,
      sku: l.sku,
      productName: l.productName,
      expected: n(l.expectedQuantity),
      cartons: n(l.cartons),
      cartonCount: l.cartons,
      received: n(l.receivedQuantity),
      damaged: n(l.damagedQuantity),
      outstanding: l.outstanding,
      outstandingLabel: n(l.outstanding),
    })),
    discrepancies: shipment.discrepancies.map((d) => ({
      id: d.id,
      sku: d.sku,
      kind: d.kind,
      quantity: n(d.quantity),
      quantityCount: d.quantity,
      cartons: d.cartons > 0 ? n(d.cartons) : null,
      cartonCount: d.cartons,
      note: d.note,
      by: d.by,
      date: warehouseDateTime(d.createdAt, lang, warehouse.timeZone),
      photos: d.photoIds.map((photoId) => ({
        id: photoId,
        thumbnail: photoUrl(photoId, 160),
        full: photoUrl(photoId, 1200),
      })),
    })),
    receipts: shipment.receipts.map((r) => ({
      id: r.id,
      sku: r.sku,
      quantity: n(r.quantity),
      quantityCount: r.quantity,
      by: r.by,
      date: warehouseDateTime(r.createdAt, lang, warehouse.timeZone),
    })),
  };
}

const IntentSchema = z.object({ intent: z.enum(["close", "partial"]) });

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireWarehouseAccess(request, lang, params.orgId, params.warehouseId);
  const shipmentId = requireUuid(params.shipmentId);
  const t = serverT(lang);
  let form: FormData;
  if ((request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    const upload = await readMultipart(request, RECEIPT_UPLOAD);
    if (!upload.ok) {
      const message =
        upload.error === "unreadable"
          ? t("errors.form.unreadable")
          : upload.error === "file_too_large"
            ? t("warehouse.errors.photo.too_large", { file: "", max: MAX_IMAGE_BYTES / 1024 / 1024 })
            : t("warehouse.errors.photo.request_too_large");
      return formErrorReply(lang, new FormData(), {}, message, upload.status);
    }
    form = upload.form;
  } else {
    form = await readForm(request, lang);
  }
  const checked = await parseForm(request, IntentSchema, lang, form);
  if (!checked.ok) return checked.reply;
  const parsed = await parseReceiptForm(form);
  if (!parsed.ok) return formErrorReply(lang, form, parsed.fieldErrors, "warehouse.receive.fixBelow");
  try {
    const result = await receiveInboundShipment({
      warehouseId: context.warehouse.id,
      shipmentId,
      lines: parsed.lines,
      discrepancies: parsed.discrepancies,
      close: parsed.close,
      userId: context.user.id,
    });
    return redirect(`/${lang}/orgs/${context.organization.id}/warehouses/${context.warehouse.id}/inbound/${shipmentId}?done=${result.status}`);
  } catch (error) {
    if (!(error instanceof ReceivingError)) throw error;
    if (error.code === "shipment_not_found") notFound();
    const message = t(receivingErrorKey(error), {
      file: error.detail?.fileName ?? "",
      max: MAX_IMAGE_BYTES / 1024 / 1024,
      count: MAX_PHOTOS_PER_DISCREPANCY,
    });
    const field = receivingErrorField(error, parsed.rows);
    return formErrorReply(lang, form, field === "_form" ? {} : { [field]: message }, field === "_form" ? message : "warehouse.receive.fixBelow", error.code === "shipment_not_receivable" ? 409 : 400);
  }
}

type Reply = FormReply;

function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-xs text-red-700">
      {message}
    </p>
  );
}

function DiscrepancyRow({ index, lines, reply, maxPhotoMegabytes }: { index: number; lines: { id: string; sku: string }[]; reply: Reply | undefined; maxPhotoMegabytes: number }) {
  const { t } = useTranslation();
  const name = (field: string) => `discrepancies.${index}.${field}`;
  const value = (field: string, fallback = "") => reply?.values?.[name(field)] ?? fallback;
  const error = (field: string) => reply?.fieldErrors?.[name(field)];
  const id = (field: string) => `d${index}-${field}`;
  const described = (field: string) => (error(field) ? `${id(field)}-error` : undefined);
  const countField = (field: "quantity" | "cartons", label: string) => (
    <div>
      <label htmlFor={id(field)} className="label">
        {label}
      </label>
      <input
        id={id(field)}
        name={name(field)}
        type="number"
        inputMode="numeric"
        min={0}
        step={1}
        defaultValue={value(field)}
        className="input"
        aria-invalid={error(field) ? true : undefined}
        aria-describedby={described(field)}
      />
      <FieldError id={`${id(field)}-error`} message={error(field)} />
    </div>
  );
  return (
    <fieldset className="rounded-md border border-slate-200 p-3" data-testid="discrepancy-row">
      <legend className="px-1 text-sm font-medium text-slate-800">{t("warehouse.receive.discrepancyRow", { n: index + 1 })}</legend>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <label htmlFor={id("lineId")} className="label">
            {t("warehouse.stock.sku")}
          </label>
          <select id={id("lineId")} name={name("lineId")} defaultValue={value("lineId")} className="input" aria-invalid={error("lineId") ? true : undefined} aria-describedby={described("lineId")}>
            <option value="">{t("warehouse.receive.noDiscrepancy")}</option>
            {lines.map((l) => (
              <option key={l.id} value={l.id}>
                {l.sku}
              </option>
            ))}
          </select>
          <FieldError id={`${id("lineId")}-error`} message={error("lineId")} />
        </div>
        <div>
          <label htmlFor={id("kind")} className="label">
            {t("warehouse.receive.kind")}
          </label>
          <select id={id("kind")} name={name("kind")} defaultValue={value("kind", "DAMAGED")} className="input" aria-invalid={error("kind") ? true : undefined} aria-describedby={described("kind")}>
            {DISCREPANCY_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`warehouse.discrepancyKinds.${k}`)}
              </option>
            ))}
          </select>
          <FieldError id={`${id("kind")}-error`} message={error("kind")} />
        </div>
        {countField("quantity", t("warehouse.receive.units"))}
        {countField("cartons", t("warehouse.receive.cartons"))}
        <div className="sm:col-span-2">
          <label htmlFor={id("note")} className="label">
            {t("warehouse.receive.note")}
          </label>
          <textarea
            id={id("note")}
            name={name("note")}
            rows={2}
            maxLength={MAX_NOTE_LENGTH}
            defaultValue={value("note")}
            className="input"
            placeholder={t("warehouse.receive.notePlaceholder")}
            aria-invalid={error("note") ? true : undefined}
            aria-describedby={described("note")}
          />
          <FieldError id={`${id("note")}-error`} message={error("note")} />
        </div>
        <div className="sm:col-span-2">
          <label htmlFor={id("photos")} className="label">
            {t("warehouse.receive.photos")}
          </label>
          <input
            id={id("photos")}
            name={name("photos")}
            type="file"
            multiple
            accept="image/jpeg,image/png,image/webp"
            capture="environment"
            className="block w-full text-sm"
            aria-invalid={error("photos") ? true : undefined}
            aria-describedby={`${id("photos")}-help`}
          />
          <p id={`${id("photos")}-help`} className={`mt-1 text-xs ${error("photos") ? "text-red-700" : "text-slate-600"}`}>
            {error("photos") ??
              t("warehouse.receive.photosHelp", {
                count: MAX_PHOTOS_PER_DISCREPANCY,
                max: maxPhotoMegabytes,
              })}
          </p>
        </div>
      </div>
    </fieldset>
  );
}

function postedRows(reply: Reply | undefined): number {
  let rows = 1;
  for (const key of Object.keys({ ...reply?.values, ...reply?.fieldErrors })) {
    const match = /^discrepancies\.(\d+)\./.exec(key);
    if (match) rows = Math.max(rows, Number(match[1]) + 1);
  }
  return Math.min(rows, MAX_DISCREPANCY_ROWS);
}

type LoadedLine = ReturnType<typeof useLoaderData<typeof loader>>["lines"][number];

/** The receiving form; remounted (fresh figures, one empty discrepancy row) after each recorded receipt. */
function ReceiveForm({ lines, reply, maxPhotoMegabytes }: { lines: LoadedLine[]; reply: Reply | undefined; maxPhotoMegabytes: number }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [rows, setRows] = useState(() => postedRows(reply));
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const value = (name: string, fallback: string) => reply?.values?.[name] ?? fallback;
  const error = (name: string) => reply?.fieldErrors?.[name];
  // The good and damaged units of one line: same input, own label, test id and error.
  const countCell = (i: number, field: "received" | "damaged", label: string, fallback: string, testId: string) => {
    const key = `lines.${i}.${field}`;
    const id = `line-${i}-${field}`;
    const message = error(key) ?? (field === "received" ? error(`lines.${i}`) : undefined);
    return (
      <td className="px-3 py-2 align-top">
        <label htmlFor={id} className="sr-only">
          {label}
        </label>
        <input
          id={id}
          name={key}
          type="number"
          inputMode="numeric"
          min={0}
          step={1}
          defaultValue={value(key, fallback)}
          className="input w-28"
          aria-invalid={error(key) ? true : undefined}
          aria-describedby={error(key) ? `${id}-error` : undefined}
          data-testid={testId}
        />
        <FieldError id={`${id}-error`} message={message} />
      </td>
    );
  };
  return (
    <Form method="post" encType="multipart/form-data" className="space-y-6" aria-labelledby="receive-title">
      <CsrfInput />
      <h3 id="receive-title" className="text-xl font-semibold">
        {t("warehouse.receive.title")}
      </h3>
      <p className="text-sm text-slate-600">{t("warehouse.receive.intro")}</p>
      <FormError reply={reply} />
      <div className="overflow-x-auto rounded-lg border border-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="receive-lines">
          <caption className="sr-only">{t("warehouse.receive.linesCaption")}</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2">
                {t("warehouse.stock.sku")}
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                {t("warehouse.receive.expected")}
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                {t("warehouse.receive.soFar")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("warehouse.receive.goodNow")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("warehouse.receive.damagedNow")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 bg-white">
            {lines.map((l, i) => (
              <tr key={l.id} data-testid="receive-line">
                <th scope="row" className="px-3 py-2 text-left align-top font-normal">
                  <span className="font-mono text-xs font-semibold">{l.sku}</span>
                  <span className="block text-slate-700">{l.productName}</span>
                  <input type="hidden" name={`lines.${i}.lineId`} value={l.id} />
                </th>
                <td className="whitespace-nowrap px-3 py-2 text-right align-top tabular-nums">
                  {l.expected}
                  <span className="block text-xs text-slate-600">
                    {t("warehouse.receive.cartonsCount", {
                      count: l.cartonCount,
                      cartons: l.cartons,
                    })}
                  </span>
                </td>
                <td className="whitespace-nowrap px-3 py-2 text-right align-top tabular-nums">
                  {t("warehouse.receive.soFarValue", {
                    received: l.received,
                    damaged: l.damaged,
                  })}
                  <span className="block text-xs text-slate-600">
                    {t("warehouse.receive.outstanding", {
                      count: l.outstanding,
                      outstanding: l.outstandingLabel,
                    })}
                  </span>
                </td>
                {countCell(i, "received", t("warehouse.receive.goodFor", { sku: l.sku }), String(l.outstanding), "receive-good")}
                {countCell(i, "damaged", t("warehouse.receive.damagedFor", { sku: l.sku }), "0", "receive-damaged")}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section aria-labelledby="discrepancies-title" className="space-y-3">
        <h4 id="discrepancies-title" className="text-lg font-semibold">
          {t("warehouse.receive.discrepancies")}
        </h4>
        <p className="text-sm text-slate-600">{t("warehouse.receive.discrepanciesHelp")}</p>
        {Array.from({ length: rows }, (_, index) => (
          <DiscrepancyRow key={index} index={index} lines={lines} reply={reply} maxPhotoMegabytes={maxPhotoMegabytes} />
        ))}
        {rows < MAX_DISCREPANCY_ROWS ? (
          <button type="button" className="btn-secondary" onClick={() => setRows((r) => Math.min(MAX_DISCREPANCY_ROWS, r + 1))}>
            {t("warehouse.receive.addRow")}
          </button>
        ) : null}
      </section>

      <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-4">
        <button type="submit" name="intent" value="close" className="btn-primary" disabled={Boolean(busyIntent)} aria-busy={busyIntent === "close"} data-testid="receive-close">
          {busyIntent === "close" ? t("warehouse.receive.receiving") : t("warehouse.receive.close")}
        </button>
        <button type="submit" name="intent" value="partial" className="btn-secondary" disabled={Boolean(busyIntent)} aria-busy={busyIntent === "partial"} data-testid="receive-partial">
          {busyIntent === "partial" ? t("warehouse.receive.receiving") : t("warehouse.receive.partial")}
        </button>
        <p className="basis-full text-xs text-slate-600">{t("warehouse.receive.closeHelp")}</p>
      </div>
    </Form>
  );
}

export default function ReceiveShipment() {
  const { t } = useTranslation();
  const { base, warehouse, receivable, shipment, lines, discrepancies, receipts, maxPhotoMegabytes, tracking } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as Reply | undefined;
  const [search] = useSearchParams();
  const done = search.get("done");
  // What has been received so far: a new receipt changes it, and the form starts afresh.
  const formKey = `${lines.map((l) => l.outstanding).join(".")}:${discrepancies.length}:${receipts.length}`;

  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <nav aria-label={t("warehouse.breadcrumb")} className="text-sm">
          <Link to={base} className="link">
            {t("warehouse.sku.back", { city: warehouse.city })}
          </Link>
        </nav>
        <div className="flex flex-wrap items-center gap-3">
          <h2 className="font-mono text-2xl font-bold">{shipment.reference}</h2>
          <InboundStatusBadge status={shipment.status} />
          {shipment.hasDiscrepancies ? <span className="badge bg-red-100 text-red-900">{t("warehouse.inbound.withDiscrepancies")}</span> : null}
        </div>
        <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
          <div className="flex gap-2">
            <dt className="text-slate-600">{t("warehouse.manufacturer")}</dt>
            <dd className="font-medium">{shipment.manufacturer}</dd>
          </div>
          <div className="flex gap-2">
            <dt className="text-slate-600">{t("warehouse.inbound.expectedOn")}</dt>
            <dd>{shipment.expectedOn}</dd>
          </div>
          <div className="flex gap-2">
            <dt className="text-slate-600">{t("warehouse.inbound.cartons")}</dt>
            <dd>{shipment.cartons}</dd>
          </div>
          {shipment.shippedAt ? (
            <div className="flex gap-2">
              <dt className="text-slate-600">{t("warehouse.inbound.shippedAt")}</dt>
              <dd>{shipment.shippedAt}</dd>
            </div>
          ) : null}
          {shipment.receivedAt ? (
            <div className="flex gap-2">
              <dt className="text-slate-600">{t("warehouse.inbound.receivedAt")}</dt>
              <dd>{shipment.receivedAt}</dd>
            </div>
          ) : null}
        </dl>
        {shipment.notes ? <p className="rounded-md bg-slate-100 p-3 text-sm text-slate-800">{shipment.notes}</p> : null}
      </header>

      {tracking ? <LinkedShipmentCard shipment={tracking} headingLevel={3} /> : null}

      {done ? <FormSuccess>{t(`warehouse.receive.done.${done === "RECEIVED" ? "RECEIVED" : "PARTIALLY_RECEIVED"}`)}</FormSuccess> : null}

      {receivable ? (
        <ReceiveForm key={formKey} lines={lines} reply={reply} maxPhotoMegabytes={maxPhotoMegabytes} />
      ) : (
        <section aria-labelledby="lines-title" className="space-y-3">
          <h3 id="lines-title" className="text-xl font-semibold">
            {t("warehouse.receive.linesCaption")}
          </h3>
          <div className="overflow-x-auto rounded-lg border border-slate-200">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="received-lines">
              <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-700">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    {t("warehouse.stock.sku")}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    {t("warehouse.receive.expected")}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    {t("warehouse.receive.good")}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    {t("warehouse.receive.damaged")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 bg-white">
                {lines.map((l) => (
                  <tr key={l.id}>
                    <th scope="row" className="px-3 py-2 text-left font-normal">
                      <span className="font-mono text-xs font-semibold">{l.sku}</span>
                      <span className="block text-slate-700">{l.productName}</span>
                    </th>
                    <td className="px-3 py-2 text-right tabular-nums">{l.expected}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{l.received}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{l.damaged}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      <section aria-labelledby="recorded-title" className="space-y-3">
        <h3 id="recorded-title" className="text-xl font-semibold">
          {t("warehouse.receive.recorded")}
        </h3>
        {discrepancies.length === 0 ? (
          <p className="text-sm text-slate-600">{t("warehouse.receive.noneRecorded")}</p>
        ) : (
          <ul className="space-y-3" data-testid="discrepancy-list">
            {discrepancies.map((d) => (
              <li key={d.id} className="rounded-md border border-slate-200 bg-white p-3 text-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <DiscrepancyBadge kind={d.kind} />
                  <span className="font-mono text-xs font-semibold">{d.sku}</span>
                  <span>
                    {t("warehouse.receive.quantityUnits", { count: d.quantityCount, quantity: d.quantity })}
                    {d.cartons ? `, ${t("warehouse.receive.cartonsCount", { count: d.cartonCount, cartons: d.cartons })}` : ""}
                  </span>
                  <span className="text-xs text-slate-600">
                    {d.date}
                    {d.by ? ` · ${d.by}` : ""}
                  </span>
                </div>
                {d.note ? <p className="mt-1 text-slate-800">{d.note}</p> : null}
                {d.photos.length > 0 ? (
                  <PhotoThumbnails photos={d.photos} size={80} alt={(i) => t("warehouse.receive.photoAlt", { n: i + 1, sku: d.sku })} />
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {receipts.length > 0 ? (
          <details className="text-sm">
            <summary className="cursor-pointer font-medium text-brand-700">{t("warehouse.receive.receipts", { count: receipts.length })}</summary>
            <ul className="mt-2 space-y-1">
              {receipts.map((r) => (
                <li key={r.id}>
                  {r.date} · <span className="font-mono text-xs">{r.sku}</span> ·{" "}
                  {t("warehouse.receive.quantityUnits", {
                    count: r.quantityCount,
                    quantity: r.quantity,
                  })}
                  {r.by ? ` · ${r.by}` : ""}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>
    </div>
  );
}
