export interface ParsedMeasure {
  text: string;
  isHealthCheck: boolean;
}

const HEALTH_CHECK = /\bCIS Health Check\b/i;

/**
 * A Monitoring cell holds several measures written as sentences ("PiP in place. % of social work colleagues
 * who report …"). Splits at a full stop followed by a new sentence, but not after "No." ("No. of children").
 * Line breaks and semicolons also separate measures.
 */
export function splitMeasures(cell: string): ParsedMeasure[] {
  return cell
    .split(/\r?\n|;|(?<!\b[Nn]o)\.\s+(?=[%A-Z])/)
    .map((s) => s.trim().replace(/\.$/, '').trim())
    .filter((s) => s.length > 0)
    .map((text) => ({ text, isHealthCheck: HEALTH_CHECK.test(text) }));
}
