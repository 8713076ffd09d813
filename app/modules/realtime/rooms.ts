/** Room names shared by the server and the browser. */
export const organizationRoom = (organizationId: string) => `org:${organizationId}`;
export const userRoom = (userId: string) => `user:${userId}`;
/** Every socket opened with one session: ended together when the session ends. */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
