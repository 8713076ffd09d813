import type { TFunction } from "i18next";

/**
 * A warehouse's city in the language of `t`: the seeded warehouses are named per language in browse.json
 * (`browse.cities.<code>`, shown to buyers, staff and manufacturers alike); any other as stored.
 */
export function warehouseCity(t: TFunction, warehouse: { code: string; city: string }): string {
  return t(`browse.cities.${warehouse.code}`, { defaultValue: warehouse.city });
}
