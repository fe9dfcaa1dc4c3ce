import type { IsoDate } from '../calendar/iso-date.js';
import type { ActionState, Rag } from '../db/schema.js';

export interface MeasureView {
  text: string;
  isHealthCheck: boolean;
  statementId: string | null;
}

/** An action as cards, digests and the tab show it. */
export interface ActionView {
  id: string;
  ref: string;
  text: string;
  priorityArea: string;
  objectiveNumber: number;
  objectiveText: string;
  ownersText: string;
  ownerRoles: string[];
  dueDate: IsoDate;
  dueText: string;
  state: ActionState;
  rag: Rag | null;
  percent: number | null;
  lastUpdateAt: Date | null;
  measures: MeasureView[];
}
