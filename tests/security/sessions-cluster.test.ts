import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { io as connectSocket, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unscopedDb } from "~/modules/db/index.server";
import { disconnectSessions } from "~/modules/realtime/index.server";
import { createUserSession, sessionUserFromCookieHeader } from "~/modules/tenancy/session.server";
import { attachSocketServer } from "~/server/socket.server";
import { withTestDatabase } from "../support/database";

/**
 * With several web processes, a logout handled by one must close the session's sockets held by another: the
 * disconnect travels through the socket.io PostgreSQL adapter. Two socket.io servers (standing for two processes)
 * share a database of their own on the PostgreSQL server (TEST_DATABASE_URL) for the adapter's NOTIFY.
 */
const serverUrl = process.env.TEST_DATABASE_URL;

describe.runIf(serverUrl)("across web processes", () => {
  withTestDatabase();
  const name = `ponte_sockets_${Date.now()}_${randomBytes(3).toString("hex")}`;
  let adapterUrl: string;
  const servers: { http: Server; sockets: ReturnType<typeof attachSocketServer>; url: string }[] = [];
  const clients: Socket[] = [];

  async function admin(sql: string, url = serverUrl!) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    await admin(`CREATE DATABASE "${name}"`);
    const target = new URL(serverUrl!);
    target.pathname = `/${name}`;
    adapterUrl = target.toString();
    await admin(`CREATE TABLE socket_io_attachments (id BIGSERIAL PRIMARY KEY, created_at TIMESTAMPTZ NOT NULL DEFAULT now(), payload BYTEA NOT NULL)`, adapterUrl);
    for (let i = 0; i < 2; i++) {
      const http = createServer();
      const sockets = attachSocketServer(http, { databaseUrl: adapterUrl, appUrl: process.env.APP_URL! });
      await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
      servers.push({ http, sockets, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` });
    }
  });

  afterAll(async () => {
    for (const client of clients) client.disconnect();
    for (const server of servers) await server.sockets.close();
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });

  it("a session ended in one process closes its socket held by the other", async () => {
    const user = await unscopedDb.user.create({ data: { email: `cluster-${Date.now()}@example.test`, name: "Cluster", passwordHash: "x" } });
    const cookie = (await createUserSession(user.id, new Request("http://localhost/"))).split(";")[0]!;
    const sessionId = (await sessionUserFromCookieHeader(cookie))!.sessionId;
    // The client is on the first server; the registry (what the app's code calls) holds the second, attached last.
    const client = connectSocket(servers[0]!.url, { transports: ["websocket"], reconnection: false, forceNew: true, extraHeaders: { cookie } });
    clients.push(client);
    await new Promise<void>((resolve, reject) => {
      client.once("connect", () => resolve());
      client.once("connect_error", reject);
    });
    const reason = new Promise<string>((resolve) => client.once("disconnect", resolve));
    disconnectSessions([sessionId]);
    expect(await reason).toBe("io server disconnect");
  });
});
