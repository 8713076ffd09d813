import { readFileSync } from "node:fs";
import os from "node:os";

/**
 * How many web processes `WEB_PROCESSES` asks for. "auto": one per core this process may use — the cores it may run
 * on (`os.availableParallelism()`, which follows CPU affinity such as `taskset` or Docker's `--cpuset-cpus`), fewer
 * when a CPU quota caps it (cgroup v2 `cpu.max`, v1 `cpu.cfs_quota_us`: Docker's `--cpus`, Kubernetes CPU limits),
 * rounded up, at least 1. The embedded database lives in one process, so it always runs one.
 */
export function webProcessCount(setting: "auto" | number, options: { embedded: boolean; cores?: number; cpuQuota?: number | null }): number {
  if (options.embedded) return 1;
  if (setting !== "auto") return setting;
  const cores = options.cores ?? os.availableParallelism();
  const quota = options.cpuQuota === undefined ? cgroupCpuQuota() : options.cpuQuota;
  return Math.max(1, quota ? Math.min(cores, Math.ceil(quota)) : cores);
}

/** The CPU quota of this process's cgroup in cores (1.5 for `--cpus 1.5`), or null when none is set or readable. */
export function cgroupCpuQuota(read: (file: string) => string = (file) => readFileSync(file, "utf8")): number | null {
  try {
    // cgroup v2: "max 100000" (no quota) or "150000 100000".
    const [quota, period] = read("/sys/fs/cgroup/cpu.max").trim().split(/\s+/);
    if (quota === "max") return null;
    return quotaInCores(Number(quota), Number(period));
  } catch {
    // not cgroup v2, or not readable
  }
  try {
    // cgroup v1: -1 for no quota.
    return quotaInCores(Number(read("/sys/fs/cgroup/cpu/cpu.cfs_quota_us").trim()), Number(read("/sys/fs/cgroup/cpu/cpu.cfs_period_us").trim()));
  } catch {
    return null;
  }
}

function quotaInCores(quota: number, period: number): number | null {
  return Number.isFinite(quota) && Number.isFinite(period) && quota > 0 && period > 0 ? quota / period : null;
}
