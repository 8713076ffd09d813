/** Organization pages (the manufacturer console, imports, inventory, warehouses) need their strings; public pages do not. */
export function isOrganizationArea(pathname: string) {
  return /^\/[a-z]{2}\/orgs\//.test(pathname);
}
