/** Room names shared by the server and the browser. */
export const organizationRoom = (organizationId: string) => `org:${organizationId}`;
export const userRoom = (userId: string) => `user:${userId}`;
/** Every socket opened with one session: ended together when the session ends. */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
/** An RFQ thread: only members of its buyer and its manufacturer join (checked on join, socket.server.ts). */
export const rfqRoom = (rfqId: string) => `rfq:${rfqId}`;
/** A shipment's page: the parties, the export agency and the serving warehouse's staff join (checked on join). */
export const shipmentRoom = (shipmentId: string) => `shipment:${shipmentId}`;
/** The staff of one overseas warehouse (checked on join): the shipments it serves. */
export const warehouseRoom = (warehouseId: string) => `warehouse:${warehouseId}`;
/** The export agency's agents (checked on join): every shipment. */
export const agencyRoom = () => "agency";
