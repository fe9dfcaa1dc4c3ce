/** Entra object ids of sample roster people (sample/roster.csv), as the playground config uses them. */
export const SAMPLE = {
  /** Principal Social Worker (acting Head of S&I): owns Head of S&I and PSW actions, answers pulses. */
  owner: '00000000-0000-4000-8000-000000000020',
  /** Director of Children's Integrated Services: programme lead. */
  lead: '00000000-0000-4000-8000-000000000021',
  /** Programme Office (PIP team): admin; owns PIP actions. */
  admin: '00000000-0000-4000-8000-000000000022',
  /** Director of Children's Services: programme lead; owns DCS actions. */
  dcs: '00000000-0000-4000-8000-000000000023',
  /** Social worker, CiN Team 1. */
  socialWorker: '00000000-0000-4000-8000-000000000024',
  /** Not on the roster. */
  stranger: '00000000-0000-4000-8000-0000000000ff',
} as const;
