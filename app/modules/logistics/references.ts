import type { TransportReferenceKind } from "~/generated/prisma/enums";
import { isValidAirWaybill, isValidContainerNumber, normalizeAirWaybill, normalizeContainerNumber } from "~/modules/export-agency/validators";

/**
 * Transport references (air waybills, containers, bills of lading, consignment numbers) in one normal form, so that a
 * carrier's "784 7654 3213", "78476543213" or a full-width "７８４－７６５４３２１３" finds the leg stored as
 * "784-76543213". Pure; the export agency's validators do the folding and the check digits.
 */

/** NFKC (full-width → ASCII), upper case, without spaces. */
function fold(raw: string): string {
  return raw.normalize("NFKC").toUpperCase().replace(/\s+/g, "");
}

/** "784-76543213" when the shape is an air waybill's (3 + 8 digits), else null (check digit not looked at). */
export function airWaybillForm(raw: string): string | null {
  const digits = normalizeAirWaybill(fold(raw).replace(/-/g, ""));
  return digits ? `${digits.slice(0, 3)}-${digits.slice(3)}` : null;
}

/** The stored form of a reference of a known kind. */
export function normalizeTransportReference(raw: string, kind: TransportReferenceKind): string {
  if (kind === "AIR_WAYBILL") return airWaybillForm(raw) ?? fold(raw);
  if (kind === "CONTAINER") return normalizeContainerNumber(raw) ?? fold(raw);
  return fold(raw);
}

/** Whether a reference of that kind passes its check digit (air waybills, containers); others only need to be present. */
export function isValidTransportReference(raw: string, kind: TransportReferenceKind): boolean {
  if (kind === "AIR_WAYBILL") return isValidAirWaybill(fold(raw).replace(/-/g, ""));
  if (kind === "CONTAINER") return isValidContainerNumber(raw);
  return fold(raw).length > 0;
}

/** Every stored form a reference of unknown kind (as a carrier's event names it) may have. */
export function referenceCandidates(raw: string): string[] {
  const forms = [airWaybillForm(raw), normalizeContainerNumber(raw), fold(raw), fold(raw).replace(/-/g, "")];
  return [...new Set(forms.filter((f): f is string => !!f))];
}
