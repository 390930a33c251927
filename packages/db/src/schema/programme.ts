import { date, index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './people.ts';

/** `candidate`: someone who signed up on the public call for tutors (their home is their application). */
export const ROLE_VALUES = [
  'student',
  'tutor',
  'author',
  'grader',
  'coordinator',
  'admin',
  'candidate',
] as const;

export const universities = pgTable('universities', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  city: text('city').notNull(),
});

export const disciplines = pgTable('disciplines', {
  id: text('id', { enum: ['programming', 'ai', 'english', 'tutoring'] }).primaryKey(),
  nameFr: text('name_fr').notNull(),
  nameEn: text('name_en').notNull(),
});

/** A programme year: the students' cohort, or the tutors' three-month training. */
export const cohorts = pgTable('cohorts', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['students', 'tutor-training'] }).notNull(),
  startsOn: date('starts_on').notNull(),
  endsOn: date('ends_on').notNull(),
});

/** A tutor and their learners, within one university and one cohort. */
export const groups = pgTable(
  'groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    universityId: uuid('university_id')
      .notNull()
      .references(() => universities.id),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('groups_cohort_name_key').on(t.cohortId, t.name),
    index('groups_university_idx').on(t.universityId),
  ],
);

/**
 * A role held by a user within a scope: a group (student, tutor) or the whole programme
 * (author, grader, coordinator, admin: groupId null).
 */
export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLE_VALUES }).notNull(),
    groupId: uuid('group_id').references(() => groups.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('memberships_user_role_group_key').on(t.userId, t.role, t.groupId).nullsNotDistinct(),
    index('memberships_group_role_idx').on(t.groupId, t.role),
  ],
);
