import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/modules/http/responses.server";
import { requireLang } from "~/modules/i18n/config";
import { attachmentResponse } from "~/modules/ordering/rfq-thread.server";
import { findRfqForActor, requireRfqActor, rfqAttachmentNames, rfqHasAttachment } from "~/modules/ordering/rfqs.server";

const FILE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(pdf|png|jpg|webp)$/;

/** An attachment of an RFQ thread, for the members of its two organizations only (anyone else: 404), under its uploaded name. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const actor = await requireRfqActor(request, lang);
  const rfq = await findRfqForActor(actor, params.number);
  if (!rfq || !FILE.test(params.file ?? "")) notFound();
  const key = `rfq/${rfq.id}/${params.file}`;
  if (!(await rfqHasAttachment(actor, rfq, key))) notFound();
  const stored = (await rfqAttachmentNames(actor, rfq.id, [key])).get(key);
  const response = await attachmentResponse(key, stored?.fileName);
  if (!response) notFound();
  return response;
}
