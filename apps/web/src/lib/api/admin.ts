// The administrators' space talks to these routes: the grading queue and its dead jobs.
import type { GradingJobsPage, RetriedGradingJob } from '@tremplin/contracts';
import { api } from './client.ts';

export type { DeadGradingJob, GradingJobsPage, GradingQueueCounts } from '@tremplin/contracts';

export const fetchDeadJobs = (before?: number) =>
  api.get<GradingJobsPage>(`/api/admin/grading/jobs?state=failed${before ? `&before=${before}` : ''}`);

export const retryDeadJob = (id: number) =>
  api.post<RetriedGradingJob>(`/api/admin/grading/jobs/${id}/retry`);
