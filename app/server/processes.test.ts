import { describe, expect, it } from "vitest";
import { cgroupCpuQuota, webProcessCount } from "./processes.server";

const files = (map: Record<string, string>) => (file: string) => {
  if (!(file in map)) throw new Error(`ENOENT: ${file}`);
  return map[file]!;
};

describe("webProcessCount", () => {
  it("takes a number as it is, and always one on the embedded database", () => {
    expect(webProcessCount(3, { embedded: false, cores: 8, cpuQuota: null })).toBe(3);
    expect(webProcessCount("auto", { embedded: true, cores: 8, cpuQuota: null })).toBe(1);
    expect(webProcessCount(4, { embedded: true, cores: 8, cpuQuota: null })).toBe(1);
  });

  it("auto: one per core, fewer under a CPU quota (rounded up), at least one", () => {
    expect(webProcessCount("auto", { embedded: false, cores: 8, cpuQuota: null })).toBe(8);
    expect(webProcessCount("auto", { embedded: false, cores: 8, cpuQuota: 2 })).toBe(2);
    expect(webProcessCount("auto", { embedded: false, cores: 8, cpuQuota: 1.5 })).toBe(2);
    expect(webProcessCount("auto", { embedded: false, cores: 2, cpuQuota: 6 })).toBe(2);
    expect(webProcessCount("auto", { embedded: false, cores: 4, cpuQuota: 0.5 })).toBe(1);
  });
});

describe("cgroupCpuQuota", () => {
  it("reads cgroup v2's cpu.max, and v1's quota and period", () => {
    expect(cgroupCpuQuota(files({ "/sys/fs/cgroup/cpu.max": "150000 100000\n" }))).toBe(1.5);
    expect(cgroupCpuQuota(files({ "/sys/fs/cgroup/cpu.max": "max 100000\n" }))).toBeNull();
    expect(cgroupCpuQuota(files({ "/sys/fs/cgroup/cpu/cpu.cfs_quota_us": "200000\n", "/sys/fs/cgroup/cpu/cpu.cfs_period_us": "100000\n" }))).toBe(2);
    expect(cgroupCpuQuota(files({ "/sys/fs/cgroup/cpu/cpu.cfs_quota_us": "-1\n", "/sys/fs/cgroup/cpu/cpu.cfs_period_us": "100000\n" }))).toBeNull();
    expect(cgroupCpuQuota(files({}))).toBeNull();
  });
});
