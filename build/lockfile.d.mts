// Types for build/lockfile.mjs.
export interface LockEntry {
  name?: string;
  version?: string;
  integrity?: string;
  license?: string;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  peer?: boolean;
  link?: boolean;
}

export interface Lockfile {
  name?: string;
  version?: string;
  lockfileVersion?: number;
  packages: Record<string, LockEntry>;
}

export interface ProductionPackage {
  path: string;
  name: string;
  version: string;
  integrity: string | undefined;
  license: string | undefined;
  optional: boolean;
}

export function readLockfile(root: string): Lockfile;
export function packageNameFromPath(path: string): string;
export function productionPackages(lock: Lockfile): ProductionPackage[];
