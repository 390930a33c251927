export * from './client.ts';
export * from './migrate.ts';
export * from './passwords.ts';
export * from './errors.ts';
export * as schema from './schema/index.ts';
export * from './queries/users.ts';
export * from './queries/sessions.ts';
export * from './queries/login-attempts.ts';
export * from './queries/groups.ts';
export { seedDemoProgramme, DISCIPLINES } from './seed/demo.ts';
export { DEMO_WORK, seedDemoWork } from './seed/demo-work.ts';
export { DEMO_PASSWORD, DEMO_STAFF, DEMO_STUDENTS } from './seed/demo-people.ts';
export { findDemoAccounts, removeDemoAccounts } from './seed/demo-accounts.ts';
export * from './queries/content.ts';
export * from './queries/studio.ts';
export * from './content-publishing.ts';
export * from './queries/learning.ts';
export * from './queries/submissions.ts';
export * from './queries/grading-queue.ts';
export * from './queries/fair-use.ts';
export * from './queries/help-requests.ts';
export * from './queries/tutoring/index.ts';
export * from './queries/audit.ts';
export * from './queries/notifications.ts';
export * from './queries/flags.ts';
export * from './queries/reviews.ts';
export * from './queries/password-resets.ts';
export * from './queries/programme.ts';
export * from './queries/accounts.ts';
export {
  createStaffAccount,
  StaffAccountError,
  type StaffAccount,
  type StaffRole,
} from './staff-accounts.ts';
export * from './queries/recruitment.ts';
export * from './csv.ts';
export * from './imports/index.ts';
export * from './queries/dashboards.ts';
export * from './queries/gradebook.ts';
export { FULL_PROGRAMME, programmeSeeded, seedProgramme, type ProgrammeSize } from './seed/programme.ts';
export * from './queries/similarity.ts';
