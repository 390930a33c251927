import type { adminFr } from './admin-fr.ts';

/** English messages of the administrators' space: exactly the keys of `adminFr`. */
export const adminEn: { readonly [K in keyof typeof adminFr]: string } = {
  'queue.heading': 'Grading queue',
  'queue.intro':
    'Failed grading jobs have used up their attempts: the learner sees their submission in error. Retry them once the cause is fixed.',
  'queue.counts': 'Queue status',
  'queue.queued': 'Waiting',
  'queue.running': 'Running',
  'queue.failed': 'Failed',
  'queue.oldest': 'Longest wait',
  'queue.oldestNone': 'none',
  'queue.seconds': '{count} s',
  'queue.minutes': '{count} min',
  'queue.hours': '{count} h',
  'queue.dead': 'Failed grading jobs',
  'queue.loading': 'Loading the queue…',
  'queue.none': 'No failed grading job.',
  'queue.learner': 'Learner',
  'queue.exercise': 'Exercise',
  'queue.attempts': 'Attempts',
  'queue.error': 'Last error',
  'queue.noError': 'not recorded',
  'queue.submittedAt': 'Submitted on',
  'queue.failedAt': 'Failed since',
  'queue.retry': 'Retry',
  'queue.retryLabel': 'Retry the grading of {learner} for {exercise}',
  'queue.retrying': 'Retrying…',
  'queue.retried': 'The grading of {learner} for {exercise} is queued again.',
  'queue.more': 'Show more',
  'queue.refresh': 'Refresh',
};
