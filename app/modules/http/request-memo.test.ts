import { describe, expect, it, vi } from "vitest";
import { forgetRequestMemo, requestMemo, runInRequestScope } from "./request-memo.server";

describe("requestMemo", () => {
  it("reads once per key inside one request, again in the next request", async () => {
    const read = vi.fn(async () => ({ at: Math.random() }));
    const [a, b] = await runInRequestScope(() => Promise.all([requestMemo("k", read), requestMemo("k", read)]));
    expect(read).toHaveBeenCalledTimes(1);
    expect(a).toBe(b);
    const c = await runInRequestScope(() => requestMemo("k", read));
    expect(read).toHaveBeenCalledTimes(2);
    expect(c).not.toBe(a);
  });

  it("keeps keys apart", async () => {
    const read = vi.fn(async () => 1);
    await runInRequestScope(async () => {
      await requestMemo("a", read);
      await requestMemo("b", read);
    });
    expect(read).toHaveBeenCalledTimes(2);
  });

  it("reads afresh every time outside a request (jobs, scripts)", async () => {
    const read = vi.fn(async () => 1);
    await requestMemo("k", read);
    await requestMemo("k", read);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it("does not keep a failed read", async () => {
    let calls = 0;
    const read = async () => {
      calls += 1;
      if (calls === 1) throw new Error("database away");
      return "ok";
    };
    await runInRequestScope(async () => {
      await expect(requestMemo("k", read)).rejects.toThrow("database away");
      await expect(requestMemo("k", read)).resolves.toBe("ok");
      await expect(requestMemo("k", read)).resolves.toBe("ok");
    });
    expect(calls).toBe(2);
  });

  it("forgets everything after a write that changes it", async () => {
    const read = vi.fn(async () => 1);
    await runInRequestScope(async () => {
      await requestMemo("k", read);
      forgetRequestMemo();
      await requestMemo("k", read);
    });
    expect(read).toHaveBeenCalledTimes(2);
  });
});
