import { z } from "zod";
import { unscopedDb } from "~/modules/db/index.server";
import { formErrorReply } from "~/modules/http/forms.server";
import type { Lang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { CURRENCIES } from "~/modules/money/currencies";
import { parseAmountToMinor } from "~/modules/money/money";
import { applyDeclarationAction, DeclarationError, RECEIPT_MESSAGE_TYPES, recordCustomsReceipt, updateLineHsCode, updateWaybill, type DeclarationActor } from "./declaration-lifecycle.server";
import { ACTIONS, type DeclarationAction } from "./declaration-status";
import { formatAirWaybill, isValidAirWaybill, isValidContainerNumber, isValidHsCode, normalizeContainerNumber, normalizeHsCodeInput } from "./validators";

/**
 * The agent's forms on a declaration's page: the waybill (AWB / container checked as typed), a list line's China
 * code, a status action, a customs receipt. Bad input is a 4xx with a message in the agent's language, never a 500.
 */

const text = (max: number) => z.string().trim().max(max);

export const AgentForm = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("waybill"),
    logisticsName: text(100).default(""),
    logisticsCode: text(18).default(""),
    transportMode: z.enum(["AIR", "SEA", "ROAD"]),
    logisticsNo: text(60).default(""),
    containerNumber: text(15).default(""),
    grossWeightKg: text(12).default(""),
    packages: text(6).default(""),
    freight: text(20).default(""),
    insuredFee: text(20).default(""),
    customsOfficeCode: z.string().trim().regex(/^\d{4}$/, "agency.errors.customsOffice"),
    portCode: text(10).default(""),
    note: text(500).default(""),
  }),
  z.object({ intent: z.literal("hsCode"), position: z.coerce.number().int().min(1).max(10_000), hsCode: text(14).min(1, "validation.required") }),
  z.object({ intent: z.literal("action"), action: z.enum(ACTIONS as unknown as [DeclarationAction, ...DeclarationAction[]]), reason: text(500).default("") }),
  z.object({
    intent: z.literal("receipt"),
    messageType: z.enum(RECEIPT_MESSAGE_TYPES),
    returnStatus: text(20).min(1, "validation.required"),
    returnInfo: text(500).default(""),
    receivedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, "agency.errors.dateTime"),
  }),
]);

export type AgentFormInput = z.infer<typeof AgentForm>;

type Outcome = { kind: "done"; message: string } | { kind: "refused"; reply: ReturnType<typeof formErrorReply> };

export async function applyAgentForm(lang: Lang, declarationId: string, input: AgentFormInput, formData: FormData, actor: DeclarationActor): Promise<Outcome> {
  const t = serverT(lang);
  const refuse = (fieldErrors: Record<string, string>, status = 400): Outcome => ({ kind: "refused", reply: formErrorReply(lang, formData, fieldErrors, undefined, status) });
  try {
    if (input.intent === "waybill") {
      const declaration = await unscopedDb.exportDeclaration.findUniqueOrThrow({ where: { id: declarationId }, select: { currencyCode: true } });
      const exponent = CURRENCIES.find((c) => c.code === declaration.currencyCode.trim())?.exponent ?? 2;
      const errors: Record<string, string> = {};
      let logisticsNo = input.logisticsNo;
      if (input.transportMode === "AIR" && logisticsNo) {
        if (!isValidAirWaybill(logisticsNo)) errors.logisticsNo = "agency.errors.airWaybill";
        else logisticsNo = formatAirWaybill(logisticsNo) ?? logisticsNo;
      }
      let containerNumber: string | null = input.containerNumber || null;
      if (containerNumber) {
        if (!isValidContainerNumber(containerNumber)) errors.containerNumber = "agency.errors.container";
        else containerNumber = normalizeContainerNumber(containerNumber);
      }
      const grams = input.grossWeightKg ? parseAmountToMinor(input.grossWeightKg.replace(",", "."), 3) : null;
      if (input.grossWeightKg && (grams === null || grams < 0n || grams > 100_000_000n)) errors.grossWeightKg = "agency.errors.weight";
      const packages = input.packages ? Number(input.packages) : null;
      if (input.packages && (!/^\d+$/.test(input.packages) || packages! > 100_000)) errors.packages = "agency.errors.packages";
      const freight = input.freight ? parseAmountToMinor(input.freight.replace(",", "."), exponent) : 0n;
      if (freight === null || freight < 0n) errors.freight = "agency.errors.amount";
      const insured = input.insuredFee ? parseAmountToMinor(input.insuredFee.replace(",", "."), exponent) : 0n;
      if (insured === null || insured < 0n) errors.insuredFee = "agency.errors.amount";
      if (Object.keys(errors).length > 0) return refuse(errors);
      const result = await updateWaybill(
        declarationId,
        {
          logisticsName: input.logisticsName,
          logisticsCode: input.logisticsCode,
          logisticsNo,
          transportMode: input.transportMode,
          containerNumber,
          freightMinor: freight!,
          insuredFeeMinor: insured!,
          waybillGrossWeightG: grams === null ? null : Number(grams),
          waybillPackages: packages,
          customsOfficeCode: input.customsOfficeCode,
          portCode: input.portCode,
        },
        actor,
        { note: input.note },
      );
      return { kind: "done", message: t(result.changed ? "agency.done.waybill" : "agency.done.unchanged") };
    }
    if (input.intent === "hsCode") {
      const code = normalizeHsCodeInput(input.hsCode);
      if (!code || code.length !== 10 || !isValidHsCode(code)) return refuse({ hsCode: "agency.errors.hsCode" });
      await updateLineHsCode(declarationId, input.position, code, actor);
      return { kind: "done", message: t("agency.done.hsCode", { position: input.position }) };
    }
    if (input.intent === "action") {
      const result = await applyDeclarationAction(declarationId, input.action, actor, { reason: input.reason });
      return { kind: "done", message: t(`agency.done.${input.action}`, { version: result.version }) };
    }
    await recordCustomsReceipt(declarationId, { messageType: input.messageType, returnStatus: input.returnStatus, returnInfo: input.returnInfo, receivedAt: new Date(`${input.receivedAt.length === 16 ? `${input.receivedAt}:00` : input.receivedAt}Z`) }, actor);
    return { kind: "done", message: t("agency.done.receipt") };
  } catch (error) {
    if (error instanceof DeclarationError) {
      const field = error.code === "reason_required" ? "reason" : "_form";
      return refuse({ [field]: t(`agency.errors.${error.code}`, { ...error.detail, status: typeof error.detail.status === "string" ? t(`agency.status.${error.detail.status}`) : "" }) }, error.status);
    }
    throw error;
  }
}
