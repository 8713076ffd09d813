import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { copyFile, mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { env } from "~/modules/config/env.server";

/**
 * Where uploaded files live, addressed by keys ("products/<org>/<product>/<image>/w480.webp"), never by paths.
 * The default backend is the local disk under `${PONTE_DATA_DIR}/uploads`; an object store (S3, OSS, MinIO)
 * implements the same interface.
 */
export interface ObjectStorage {
  put(key: string, data: Uint8Array): Promise<void>;
  /** The whole object, or null when there is none. */
  get(key: string): Promise<Buffer | null>;
  /** A stream of the object and its size, or null when there is none. */
  open(key: string): Promise<{ stream: ReadableStream<Uint8Array>; size: number } | null>;
  copy(fromKey: string, toKey: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** Removes every object whose key starts with `prefix/`. */
  deletePrefix(prefix: string): Promise<void>;
}

export class InvalidStorageKeyError extends Error {
  constructor(key: string) {
    super(`Invalid storage key: ${JSON.stringify(key).slice(0, 200)}`);
    this.name = "InvalidStorageKeyError";
  }
}

// Segments of letters, digits, '-', '_' and inner dots: no empty segment, no '.' or '..', no leading slash,
// no backslash, nothing a file system would read as a path of its own.
const SEGMENT = "[A-Za-z0-9](?:[A-Za-z0-9_-]|\\.(?=[A-Za-z0-9_-]))*";
const KEY = new RegExp(`^${SEGMENT}(?:/${SEGMENT}){0,15}$`);

export function isValidStorageKey(key: unknown): key is string {
  return typeof key === "string" && key.length <= 512 && KEY.test(key);
}

export function assertValidStorageKey(key: unknown): asserts key is string {
  if (!isValidStorageKey(key)) throw new InvalidStorageKeyError(String(key));
}

export class LocalDiskStorage implements ObjectStorage {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** The file of a key; the resolved path is checked to stay inside the root as a second line of defence. */
  private file(key: string): string {
    assertValidStorageKey(key);
    const file = path.resolve(this.root, ...key.split("/"));
    if (!file.startsWith(this.root + path.sep)) throw new InvalidStorageKeyError(key);
    return file;
  }

  async put(key: string, data: Uint8Array): Promise<void> {
    const file = this.file(key);
    await mkdir(path.dirname(file), { recursive: true });
    // Written beside, then renamed: a reader never sees half a file.
    const temporary = `${file}.${randomBytes(6).toString("hex")}.tmp`;
    await writeFile(temporary, data);
    await rename(temporary, file);
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.file(key));
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async open(key: string): Promise<{ stream: ReadableStream<Uint8Array>; size: number } | null> {
    const file = this.file(key);
    try {
      const info = await stat(file);
      if (!info.isFile()) return null;
      return { stream: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>, size: info.size };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async copy(fromKey: string, toKey: string): Promise<void> {
    const target = this.file(toKey);
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(this.file(fromKey), target);
  }

  async delete(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }

  async deletePrefix(prefix: string): Promise<void> {
    await rm(this.file(prefix), { recursive: true, force: true });
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === "ENOENT" || code === "ENOTDIR";
}

const registry = globalThis as typeof globalThis & { __ponteStorage?: ObjectStorage };

/** The process's storage backend (local disk unless another was installed with setStorage). */
export function storage(): ObjectStorage {
  registry.__ponteStorage ??= new LocalDiskStorage(path.join(env().PONTE_DATA_DIR, "uploads"));
  return registry.__ponteStorage;
}

/** Installs another backend (an object store, or a temporary folder in tests). */
export function setStorage(backend: ObjectStorage | undefined) {
  registry.__ponteStorage = backend;
}
