import { Prisma } from "~/generated/prisma/client";
import { purgePublicPages } from "~/modules/http/page-cache-signal.server";
import type { Lang } from "~/modules/i18n/config";
import { boothProblem, planDrawing, type BoothProblem } from "./hall-plan";
import { localized } from "./localized-text";
import type { OperatorDb } from "./operator-scope.server";
import { listParticipations } from "./participation.server";
import { perLanguage, type BoothForm } from "./storefront-schemas";

/** The hall plan's booths: added, moved and resized through the form; hall-plan.ts refuses overlaps. */

export class BoothError extends Error {
  constructor(readonly problem: BoothProblem | { kind: "notFound" }) {
    super(problem.kind);
    this.name = "BoothError";
  }
}

export async function saveBooth(operator: OperatorDb, storefront: { id: string; planWidth: number; planHeight: number }, form: BoothForm) {
  const booths = await operator.storefrontBooth.findMany({ where: { storefrontId: storefront.id }, select: { id: true, code: true, x: true, y: true, width: true, height: true } });
  if (form.boothId && !booths.some((b) => b.id === form.boothId)) throw new BoothError({ kind: "notFound" });
  const rect = { id: form.boothId ?? null, code: form.code, x: form.x, y: form.y, width: form.width, height: form.height };
  const problem = boothProblem(rect, booths, { width: storefront.planWidth, height: storefront.planHeight });
  if (problem) throw new BoothError(problem);
  const data = { code: form.code, x: form.x, y: form.y, width: form.width, height: form.height, label: perLanguage(form, "label") };
  try {
    if (form.boothId) await operator.storefrontBooth.updateMany({ where: { id: form.boothId, storefrontId: storefront.id }, data });
    else await operator.storefrontBooth.create({ data: { ...data, storefrontId: storefront.id } as Prisma.StorefrontBoothUncheckedCreateInput });
  } catch (error) {
    // Two operators adding the same code at once: the unique (storefront, code) decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new BoothError({ kind: "duplicate_code", code: form.code });
    throw error;
  }
  purgePublicPages();
}

export async function deleteBooth(operator: OperatorDb, storefrontId: string, boothId: string) {
  const { count } = await operator.storefrontBooth.deleteMany({ where: { id: boothId, storefrontId } });
  if (count === 0) throw new BoothError({ kind: "notFound" });
  purgePublicPages();
}

/** The hall plan page: booths with who stands in them, the drawing, and the accepted manufacturers to assign. */
export async function presentHallPlan(operator: OperatorDb, storefront: { id: string; planWidth: number; planHeight: number; languages: string[] }, lang: Lang) {
  const [booths, participations] = await Promise.all([
    operator.storefrontBooth.findMany({ where: { storefrontId: storefront.id }, orderBy: { code: "asc" }, select: { id: true, code: true, x: true, y: true, width: true, height: true, label: true, participationId: true } }),
    listParticipations(operator, storefront.id, lang),
  ]);
  const byParticipation = new Map(participations.map((p) => [p.id, p]));
  const rows = booths.map((b) => ({
    id: b.id,
    code: b.code,
    x: b.x,
    y: b.y,
    width: b.width,
    height: b.height,
    labels: b.label as Partial<Record<Lang, string>>,
    label: localized(b.label, lang, storefront.languages)?.value ?? "",
    participationId: b.participationId,
    manufacturer: b.participationId ? (byParticipation.get(b.participationId)?.manufacturer ?? "") : null,
    occupied: Boolean(b.participationId),
  }));
  return {
    booths: rows,
    drawing: planDrawing(rows, { width: storefront.planWidth, height: storefront.planHeight }),
    accepted: participations.filter((p) => p.status === "ACCEPTED").map((p) => ({ id: p.id, manufacturer: p.manufacturer, booth: p.booth?.code ?? null })),
  };
}
