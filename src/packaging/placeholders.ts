const PLACEHOLDER = /\$\{\{([A-Za-z0-9_]+)\}\}/g;

/** The `${{NAME}}` placeholders a template uses, each once, in order of first use. */
export function placeholdersIn(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

export interface FillResult {
  text: string;
  /** Placeholders with no value (absent or empty), to report by name. */
  missing: string[];
}

/**
 * Replaces `${{NAME}}` with `values[NAME]`, escaped for a JSON string (the manifest template is JSON, and a
 * value with a quote in it must not break it). Missing values are left in place and listed.
 */
export function fillPlaceholders(template: string, values: Record<string, string | undefined>): FillResult {
  const missing = placeholdersIn(template).filter((name) => !values[name]?.trim());
  const text = template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name]?.trim();
    return value ? JSON.stringify(value).slice(1, -1) : whole;
  });
  return { text, missing };
}
