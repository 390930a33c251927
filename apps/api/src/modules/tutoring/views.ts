// Rows as the contracts shape them, shared by the REST routes and the live hub.
import type { HelpRequestView, LiveDraft, LiveSession, TutorMessage } from '@tremplin/contracts';
import type { HelpRequestRow, HelpRequestViewRow, LiveSessionViewRow, MessageViewRow } from '@tremplin/db';

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export function toHelpView(row: HelpRequestViewRow): HelpRequestView {
  return {
    id: row.id,
    groupId: row.groupId,
    learnerId: row.learnerId,
    learnerName: row.learnerName,
    exercise: row.exerciseId ? { id: row.exerciseId, title: row.exerciseTitle ?? '' } : null,
    message: row.message,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    takenBy: row.takenById ? { id: row.takenById, displayName: row.takenByName ?? '' } : null,
    takenAt: iso(row.takenAt),
    resolvedAt: iso(row.resolvedAt),
    replies: row.replies,
  };
}

/** A help request just stored, as tutors see it: nobody has taken or answered it yet. */
export function newHelpView(
  row: HelpRequestRow,
  learnerName: string,
  exerciseTitle: string | null,
): HelpRequestView {
  return toHelpView({
    id: row.id,
    groupId: row.groupId,
    learnerId: row.userId,
    learnerName,
    exerciseId: row.exerciseId,
    exerciseTitle,
    message: row.message,
    status: row.status,
    createdAt: row.createdAt,
    takenById: null,
    takenByName: null,
    takenAt: null,
    resolvedAt: null,
    replies: 0,
  });
}

export function toMessageView(row: MessageViewRow): TutorMessage {
  return {
    id: row.id,
    groupId: row.groupId,
    from: { id: row.senderId, displayName: row.senderName },
    recipientId: row.recipientId,
    helpRequestId: row.helpRequestId,
    kind: row.kind,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    readAt: iso(row.readAt),
  };
}

export function toSessionView(row: LiveSessionViewRow): LiveSession {
  return {
    id: row.id,
    groupId: row.groupId,
    title: row.title,
    module: row.moduleSlug ? { slug: row.moduleSlug, title: row.moduleTitle ?? row.moduleSlug } : null,
    tutor: { id: row.tutorId, displayName: row.tutorName },
    startedAt: row.startedAt.toISOString(),
    endedAt: iso(row.endedAt),
  };
}

export function toLiveDraft(row: {
  exerciseId: string;
  title: string;
  code: string;
  updatedAt: Date;
}): LiveDraft {
  return {
    exercise: { id: row.exerciseId, title: row.title },
    code: row.code,
    updatedAt: row.updatedAt.toISOString(),
  };
}
