import ExcelJS from 'exceljs';

const AREAS = ['Social Work Practice', 'Leadership and Management', 'Workforce', 'Partnerships and Voice'];
const OWNERS = [
  'DCS',
  'DCIS/SLT',
  'CEO / DCS',
  'Head of S&I / Head of Comms',
  'DCIS/ Head of CSW',
  'PiP',
  'HR',
  'PSW',
];
const DUES = ['March 2027', 'Sept 2027', 'September 2027', 'April 2028', 'Dec 2028', '31/03/2029'];
const MEASURES = [
  'Audit shows improvement in the quality of plans.',
  'Service Managers report caseloads within the agreed range. Monthly performance report shows timeliness above 85%.',
  '% of social work colleagues who report in the CIS Health Check that they receive regular supervision.',
  '',
];
const PER_OBJECTIVE = 25;
const letter = (i: number) => String.fromCharCode(97 + i);

/**
 * A plan in the sample's own table shape with this many actions (25 per objective, letters a–y), with the
 * messiness real plans have: several owners per cell in different spellings, month-year deadlines, several
 * measures in one Monitoring cell, some blank.
 */
export async function generatePlanXlsx(actions: number): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Plan');
  sheet.addRow(['Priority Area', 'Objective No', 'Objective', 'Action', 'By Whom', 'By When', 'Monitoring']);
  for (let i = 0; i < actions; i++) {
    const objective = Math.floor(i / PER_OBJECTIVE) + 1;
    sheet.addRow([
      AREAS[objective % AREAS.length],
      objective,
      `Objective ${objective}: practice improves where children and families feel it.`,
      `${letter(i % PER_OBJECTIVE)}) Carry out improvement step ${i + 1}, agree it with partners and report progress.`,
      OWNERS[i % OWNERS.length],
      DUES[i % DUES.length],
      MEASURES[i % MEASURES.length],
    ]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
