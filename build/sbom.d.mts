// Types for build/sbom.mjs. Only the fields the checks read are spelled out; the rest of a
// CycloneDX document passes through untouched.
import type { Lockfile } from './lockfile.mjs';

export interface CdxHash {
  alg: string;
  content: string;
}

export interface CdxComponent {
  type: string;
  name: string;
  group?: string;
  version?: string;
  'bom-ref'?: string;
  purl?: string;
  licenses?: unknown[];
  hashes?: CdxHash[];
  properties?: { name: string; value: string }[];
  components?: CdxComponent[];
  [key: string]: unknown;
}

export interface CdxDependency {
  ref: string;
  dependsOn?: string[];
}

export interface CdxBom {
  bomFormat: string;
  specVersion: string;
  version: number;
  metadata?: { component?: CdxComponent; [key: string]: unknown };
  components?: CdxComponent[];
  dependencies?: CdxDependency[];
  [key: string]: unknown;
}

export const DEFAULT_SBOM_PATH: string;
export const SPEC_VERSION: string;
export function runGenerator(projectRoot: string, outFile: string): CdxBom;
export function flattenComponents(bom: CdxBom): CdxComponent[];
export function componentName(component: CdxComponent): string;
export function integrityToHashes(integrity: string | undefined): CdxHash[];
export function enrichSbom(bom: CdxBom, lock: Lockfile): CdxBom;
export function checkSbom(bom: CdxBom, lock: Lockfile, pkg: { name: string; version: string }): string[];
export function schemaErrors(bom: CdxBom): Promise<unknown>;
export function generateSbom(outFile: string, projectRoot?: string): Promise<{ path: string; components: number }>;
