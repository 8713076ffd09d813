import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, FormError, FormSuccess, SubmitButton, type FormReply } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { notFound } from "~/modules/http/responses.server";
import { requireLang } from "~/modules/i18n/config";
import { findOrderForViewer, partyFor, requireOrdersViewer } from "~/modules/ordering/orders.server";
import { handlePayChoice, presentPayPage, type PayPageView } from "~/modules/payments/stripe-pay-page.server";

export const meta: MetaFunction = (args) => pageTitle(args, "pay.title");

/** Only the order's buyer pays it: anyone else (the manufacturer, another buyer, the platform) gets a 404. */
async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const lang = requireLang(params);
  const viewer = await requireOrdersViewer(request, lang);
  const order = await findOrderForViewer(viewer, params.number);
  if (!order || partyFor(viewer, order) !== "buyer") notFound();
  return { viewer, order };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, order } = await load(request, params);
  return { view: await presentPayPage(viewer, order, new URL(request.url).searchParams) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, order } = await load(request, params);
  return handlePayChoice(request, viewer, order);
}

export default function PayPage() {
  const { t } = useTranslation();
  const { view } = useLoaderData<typeof loader>();
  const reply = useActionData<FormReply>();
  const [search] = useSearchParams();
  return (
    <div className="mx-auto max-w-3xl space-y-6 px-4 py-8">
      <Link to={view.orderHref} className="link text-sm">
        ← {t("pay.back")}
      </Link>
      <h1 className="font-mono text-2xl font-bold">{t("pay.heading", { number: view.number })}</h1>

      <FormError reply={reply} />
      <Returned state={view.returned} />
      {search.get("chosen") === "bank_transfer" && !reply?.formError ? <FormSuccess>{t("pay.chosenBankTransfer")}</FormSuccess> : null}

      <dl className="card grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 p-4 text-sm" data-testid="pay-amounts">
        <dt className="text-slate-600">{t("pay.total")}</dt>
        <dd className="text-right tabular-nums">{view.total}</dd>
        <dt className="text-slate-600">{t("pay.paid")}</dt>
        <dd className="text-right tabular-nums">{view.paid}</dd>
        <dt className="font-semibold">{t("pay.due")}</dt>
        <dd className="text-right font-semibold tabular-nums" data-testid="pay-due">
          {view.due}
        </dd>
      </dl>

      {view.voucher ? <VoucherCard voucher={view.voucher} /> : null}

      {!view.payable ? (
        <p className="text-slate-700">{t("pay.notPayable")}</p>
      ) : view.waiting ? (
        <Waiting waiting={view.waiting} voucher={view.voucher !== null} />
      ) : (
        <>
          {view.voucherEnded ? (
            <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="voucher-ended">
              {t("pay.voucher.ended")}
            </p>
          ) : null}
          {view.bankTransferOnly ? (
            <p role="note" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="bank-transfer-only">
              {t(`banking.options.bankTransferOnly.${view.bankTransferOnly}`)}
            </p>
          ) : null}
          {view.stripe && !view.voucher ? <StripeOption stripe={view.stripe} /> : null}
          {view.bankTransfer ? <BankTransferOption option={view.bankTransfer} /> : null}
          {view.terms ? <TermsOption terms={view.terms} /> : null}
          {view.termsRefusal ? <p className="text-sm text-slate-600">{t(`banking.options.terms.refusal.${view.termsRefusal}`)}</p> : null}
        </>
      )}
    </div>
  );
}

function Returned({ state }: { state: PayPageView["returned"] }) {
  const { t } = useTranslation();
  if (!state) return null;
  if (state === "paid") return <FormSuccess>{t("pay.returned.paid")}</FormSuccess>;
  if (state === "confirming") {
    return (
      <div role="status" className="rounded-md border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-900">
        {t("pay.returned.confirming")}{" "}
        <Link to="." reloadDocument className="link">
          {t("pay.returned.refresh")}
        </Link>
      </div>
    );
  }
  return (
    <p role="status" className="rounded-md border border-slate-200 bg-slate-50 px-4 py-3 text-sm text-slate-800">
      {t(`pay.returned.${state}`)}
    </p>
  );
}

/** While a voucher or a debit is on its way it is the only way to pay: the other choices come back when it ends. */
function Waiting({ waiting, voucher }: { waiting: NonNullable<PayPageView["waiting"]>; voucher: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="space-y-2 rounded-md border border-slate-200 bg-slate-50 px-4 py-3 text-sm text-slate-800" aria-labelledby="pay-waiting" data-testid="pay-waiting">
      <h2 id="pay-waiting" className="font-semibold">
        {t("pay.waiting.title")}
      </h2>
      {voucher ? null : <p>{t("pay.waiting.debit", { method: waiting.method ? t(`pay.method.${waiting.method}`, { defaultValue: waiting.method }) : t("pay.stripe.title"), amount: waiting.amount })}</p>}
      <p>{t(voucher ? "pay.waiting.onlyVoucher" : "pay.waiting.onlyDebit")}</p>
      {voucher ? <p className="text-slate-600">{t("pay.waiting.noCancel")}</p> : null}
    </section>
  );
}

function VoucherCard({ voucher }: { voucher: NonNullable<PayPageView["voucher"]> }) {
  const { t } = useTranslation();
  return (
    <section className="card space-y-3 border-2 border-sky-300 p-4" aria-labelledby="pay-voucher" data-testid="pay-voucher">
      <h2 id="pay-voucher" className="text-lg font-semibold">
        {t("pay.voucher.title")}
      </h2>
      <p className="text-sm">{t("pay.voucher.intro", { amount: voucher.amount })}</p>
      <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="text-slate-600">{t("pay.voucher.method")}</dt>
        <dd>{t(`pay.method.${voucher.method}`)}</dd>
        <dt className="text-slate-600">{t("pay.voucher.amount")}</dt>
        <dd className="tabular-nums" data-testid="voucher-amount">
          {voucher.amount}
        </dd>
        {voucher.number ? (
          <>
            <dt className="text-slate-600">{t("pay.voucher.number")}</dt>
            <dd className="break-all font-mono text-base" data-testid="voucher-number">
              {voucher.number}
            </dd>
          </>
        ) : null}
        {voucher.entity ? (
          <>
            <dt className="text-slate-600">{t("pay.voucher.entity")}</dt>
            <dd className="font-mono">{voucher.entity}</dd>
          </>
        ) : null}
        {voucher.reference ? (
          <>
            <dt className="text-slate-600">{t("pay.voucher.reference")}</dt>
            <dd className="font-mono" data-testid="voucher-reference">
              {voucher.reference}
            </dd>
          </>
        ) : null}
        {voucher.expiresAt ? (
          <>
            <dt className="text-slate-600">{t("pay.voucher.expires")}</dt>
            <dd data-testid="voucher-expires">{voucher.expiresAt}</dd>
          </>
        ) : null}
      </dl>
      {voucher.overdue ? (
        <p role="note" className="text-sm text-amber-900" data-testid="voucher-overdue">
          {t("pay.voucher.overdue")}
        </p>
      ) : null}
      <p className="flex flex-wrap gap-3 text-sm">
        {voucher.url ? (
          <a href={voucher.url} className="link" target="_blank" rel="noreferrer noopener">
            {t("pay.voucher.open")}
          </a>
        ) : null}
        {voucher.pdf ? (
          <a href={voucher.pdf} className="link" target="_blank" rel="noreferrer noopener">
            {t("pay.voucher.pdf")}
          </a>
        ) : null}
      </p>
    </section>
  );
}

function StripeOption({ stripe }: { stripe: NonNullable<PayPageView["stripe"]> }) {
  const { t } = useTranslation();
  return (
    <section className="card space-y-3 p-4" aria-labelledby="pay-stripe" data-testid="pay-stripe">
      <h2 id="pay-stripe" className="text-lg font-semibold">
        {t("pay.stripe.title")}
      </h2>
      <p className="text-sm text-slate-700">{t("pay.stripe.intro")}</p>
      <div>
        <h3 className="text-sm font-medium text-slate-600">{t("pay.stripe.methods")}</h3>
        <ul className="mt-1 flex flex-wrap gap-2" data-testid="stripe-methods">
          {stripe.methods.map((method) => (
            <li key={method} className="rounded-full border border-slate-300 px-3 py-1 text-sm" data-method={method}>
              {t(`pay.method.${method}`)}
            </li>
          ))}
        </ul>
      </div>
      {stripe.oxxoLimit ? (
        <p role="note" className="text-sm text-amber-900" data-testid="oxxo-over-limit">
          {t("pay.stripe.oxxoOverLimit", { limit: stripe.oxxoLimit })}
        </p>
      ) : null}
      <form method="post">
        <CsrfInput />
        <input type="hidden" name="intent" value="stripe" />
        <SubmitButton pendingLabel={t("pay.stripe.choose")}>{t("pay.stripe.choose")}</SubmitButton>
      </form>
    </section>
  );
}

function BankTransferOption({ option }: { option: NonNullable<PayPageView["bankTransfer"]> }) {
  const { t } = useTranslation();
  const account = option.account;
  return (
    <section className="card space-y-3 p-4" aria-labelledby="pay-transfer" data-testid="pay-bank-transfer">
      <h2 id="pay-transfer" className="text-lg font-semibold">
        {t("banking.options.bankTransfer.title")}
      </h2>
      <p className="text-sm">{t("banking.options.bankTransfer.instructions", { amount: option.amount, reference: option.reference })}</p>
      <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="text-slate-600">{t("banking.options.bankTransfer.reference")}</dt>
        <dd className="font-mono text-base" data-testid="bank-reference">
          {option.reference}
        </dd>
        {account ? (
          <>
            <dt className="text-slate-600">{t("banking.options.bankTransfer.beneficiary")}</dt>
            <dd>{account.beneficiary}</dd>
            <dt className="text-slate-600">{t("banking.options.bankTransfer.bank")}</dt>
            <dd>{account.bankName}</dd>
            {account.iban ? (
              <>
                <dt className="text-slate-600">{t("banking.options.bankTransfer.iban")}</dt>
                <dd className="break-all font-mono">{account.iban}</dd>
              </>
            ) : null}
            {account.accountNumber ? (
              <>
                <dt className="text-slate-600">{t("banking.options.bankTransfer.account")}</dt>
                <dd className="break-all font-mono">{account.accountNumber}</dd>
              </>
            ) : null}
            <dt className="text-slate-600">{t("banking.options.bankTransfer.swift")}</dt>
            <dd className="font-mono">{account.swift}</dd>
            <dt className="text-slate-600">{t("banking.options.bankTransfer.bankAddress")}</dt>
            <dd>{account.bankAddress}</dd>
          </>
        ) : null}
      </dl>
      {!account ? <p className="text-sm text-amber-900">{t("banking.options.bankTransfer.noAccount", { currency: option.currencyCode })}</p> : null}
      {option.chosen ? (
        <p className="text-sm text-slate-700">{t("banking.options.bankTransfer.chosen")}</p>
      ) : (
        <form method="post">
          <CsrfInput />
          <input type="hidden" name="intent" value="bank_transfer" />
          <SubmitButton className="btn-secondary" pendingLabel={t("banking.options.bankTransfer.choose")}>
            {t("banking.options.bankTransfer.choose")}
          </SubmitButton>
        </form>
      )}
    </section>
  );
}

function TermsOption({ terms }: { terms: NonNullable<PayPageView["terms"]> }) {
  const { t } = useTranslation();
  return (
    <section className="card space-y-3 p-4" aria-labelledby="pay-terms" data-testid="pay-terms">
      <h2 id="pay-terms" className="text-lg font-semibold">
        {t("banking.options.terms.title", { days: terms.days })}
      </h2>
      <p className="text-sm">{t("banking.options.terms.explain", { days: terms.days })}</p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-600">{t("banking.options.terms.limit")}</dt>
        <dd className="text-right tabular-nums">{terms.limit}</dd>
        <dt className="text-slate-600">{t("banking.options.terms.used")}</dt>
        <dd className="text-right tabular-nums">{terms.used}</dd>
        <dt className="text-slate-600">{t("banking.options.terms.available")}</dt>
        <dd className="text-right tabular-nums">{terms.available}</dd>
      </dl>
      <form method="post">
        <CsrfInput />
        <input type="hidden" name="intent" value="terms" />
        <SubmitButton className="btn-secondary" pendingLabel={t("banking.options.terms.choose", { days: terms.days })}>
          {t("banking.options.terms.choose", { days: terms.days })}
        </SubmitButton>
      </form>
    </section>
  );
}
