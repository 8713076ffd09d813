import { expireRfqsAndQuotes } from "~/modules/ordering/quotes.server";

/** Recurring (every minute): closes RFQs unanswered past their respondBy and expires quotes past their validity. */
export async function runRfqExpiry(now = new Date()) {
  const result = await expireRfqsAndQuotes(now);
  if (result.closedRfqs > 0 || result.expiredQuotes > 0) console.log("[rfqs] closed unanswered:", result.closedRfqs, "expired quotes:", result.expiredQuotes);
  return result;
}
