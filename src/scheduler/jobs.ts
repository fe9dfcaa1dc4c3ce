import { reminderMessages } from '../../cards/reminder-messages.js';
import { digestJob } from '../digest/digest.job.js';
import { pulseCloseJob, pulseNudgeJob, pulseOpenJob } from '../pulse/pulse.jobs.js';
import { pulseSeriesJob } from '../pulse/series.job.js';
import { reminderJob } from '../reminders/reminder.job.js';
import { retentionJob } from '../retention/retention.job.js';
import type { ScheduledJob } from './scheduled-job.js';

/** Every scheduled job. Register a new job with one line here. */
export const jobs: ScheduledJob[] = [
  retentionJob,
  digestJob,
  reminderJob(reminderMessages),
  pulseOpenJob,
  pulseSeriesJob,
  pulseNudgeJob,
  pulseCloseJob,
];
