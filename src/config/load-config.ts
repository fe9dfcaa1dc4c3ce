import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Config, configSchema } from './config.schema.js';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses `KEY=value` lines (Teams Toolkit env files); `#` comments, optional quotes. */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq < 1) continue;
    const key = line.slice(0, eq).trim();
    let value = line.slice(eq + 1).trim();
    if (/^(["']).*\1$/.test(value)) value = value.slice(1, -1);
    out[key] = value;
  }
  return out;
}

/** Reads env/.env.<ENV> then env/.env.<ENV>.user; process variables win over both. */
export function readEnvFiles(envName: string, root = process.cwd()): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const file of [`.env.${envName}`, `.env.${envName}.user`]) {
    const path = join(root, 'env', file);
    if (existsSync(path)) Object.assign(merged, parseEnvFile(readFileSync(path, 'utf8')));
  }
  return merged;
}

/** Parses the settings once; empty strings count as unset; a bad value throws `NAME: what is wrong`. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): Config {
  const envName = env.ENV?.trim() || 'local';
  const source: Record<string, string> = { ...readEnvFiles(envName, root) };
  for (const [k, v] of Object.entries(env)) if (v !== undefined) source[k] = v;
  for (const k of Object.keys(source)) if (source[k]?.trim() === '') delete source[k];
  const parsed = configSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** The tenant CLI commands and the sample import act on. */
export function defaultTenant(config: Config): string {
  const tenant = config.DEFAULT_TENANT_ID ?? config.TENANT_ALLOW_LIST[0];
  if (!tenant) throw new ConfigError('TENANT_ALLOW_LIST: set at least one tenant id (or DEFAULT_TENANT_ID)');
  return tenant;
}
