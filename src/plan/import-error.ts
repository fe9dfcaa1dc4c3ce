/** One problem in an imported file, located so a person can find it in the spreadsheet. */
export interface ImportIssue {
  row?: number;
  column?: string;
  message: string;
}

const SHOWN = 20;

/** An import that changed nothing: every problem found, each naming file, row and column. */
export class ImportError extends Error {
  override name = 'ImportError';
  constructor(
    readonly file: string,
    readonly issues: ImportIssue[],
  ) {
    const lines = issues.slice(0, SHOWN).map((i) => `${file}${locate(i)}: ${i.message}`);
    if (issues.length > SHOWN) lines.push(`… and ${issues.length - SHOWN} more problems`);
    super(`Nothing was imported.\n${lines.join('\n')}`);
  }
}

function locate(issue: ImportIssue): string {
  if (issue.row === undefined) return '';
  return issue.column ? `, row ${issue.row}, column ${issue.column}` : `, row ${issue.row}`;
}
