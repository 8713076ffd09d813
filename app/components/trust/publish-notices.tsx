import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { IntentButton } from "~/components/console/intent-button";
import { CsrfInput } from "~/components/forms";

/** What a refused or unconfirmed publish answers (products.server setProductStatus, through publishReply). */
export interface PublishReply {
  problems?: string[];
  /** The manufacturer is not verified yet: where to send its documents. */
  verificationHref?: string | null;
  /** Publishable once confirmed: what is missing, in the viewer's language. */
  confirm?: string[];
  productId?: string;
}

/** Why the product cannot be published: the reasons, and the way to verification when that is one of them. */
export function PublishProblems({ reply, title }: { reply: PublishReply; title: string }) {
  const { t } = useTranslation();
  if (!reply.problems || reply.problems.length === 0) return null;
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800" data-testid="publish-problems">
      <p className="font-semibold">{title}</p>
      <ul className="mt-1 list-disc pl-5">
        {reply.problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      {reply.verificationHref ? (
        <p className="mt-2">
          <Link to={reply.verificationHref} className="link font-semibold" data-testid="verification-link">
            {t("trust.publish.verifyLink")}
          </Link>
        </p>
      ) : null}
    </div>
  );
}

/** "Publish without …?": says what is missing and publishes only on a second, explicit submit. */
export function PublishConfirm({ reply }: { reply: PublishReply }) {
  const { t } = useTranslation();
  if (!reply.confirm || reply.confirm.length === 0) return null;
  return (
    <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="publish-confirm">
      <p className="font-semibold">{t("trust.publish.confirmTitle")}</p>
      <ul className="mt-1 list-disc pl-5">
        {reply.confirm.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
      <p className="mt-2">{t("trust.publish.confirmBody")}</p>
      <Form method="post" className="mt-3">
        <CsrfInput />
        <input type="hidden" name="confirm" value="incomplete" />
        {reply.productId ? <input type="hidden" name="productId" value={reply.productId} /> : null}
        <IntentButton intent="publish" match={{ confirm: "incomplete" }} pendingLabel={t("console.actions.publishing")}>
          {t("trust.publish.confirmSubmit")}
        </IntentButton>
      </Form>
    </div>
  );
}
