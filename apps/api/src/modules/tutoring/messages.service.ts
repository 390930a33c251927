import type { MyMessages, TutorMessage } from '@tremplin/contracts';
import {
  countUnreadFor,
  findLiveGroup,
  findMessageView,
  insertTutorMessage,
  listMessagesFor,
  markMessagesRead,
  type Db,
} from '@tremplin/db';
import { notFound } from '../../errors.ts';
import type { EventBus } from '../../grading/events.ts';
import type { Actor } from '../auth/auth.service.ts';
import { assertTutorGroup, assertTutorLearner } from './tutoring-access.ts';
import { toMessageView } from './views.ts';

const studentGroups = (actor: Actor) =>
  actor.memberships.filter((m) => m.role === 'student' && m.groupId).map((m) => m.groupId!);

/** Tutors write to one learner or a whole group; learners read theirs, live and later. */
export class MessagesService {
  readonly #db: Db;
  readonly #bus: EventBus;

  constructor(db: Db, bus: EventBus) {
    this.#db = db;
    this.#bus = bus;
  }

  async toGroup(actor: Actor, groupId: string, body: string): Promise<TutorMessage> {
    assertTutorGroup(actor, groupId);
    if (!(await findLiveGroup(this.#db, groupId))) throw notFound();
    return this.#send(actor, { groupId, recipientId: null, body });
  }

  async toLearner(actor: Actor, learnerId: string, body: string): Promise<TutorMessage> {
    const [groupId] = await assertTutorLearner(this.#db, actor, learnerId);
    return this.#send(actor, { groupId: groupId!, recipientId: learnerId, body });
  }

  /** The caller's messages, newest first (none for someone who is no one's learner). */
  async mine(actor: Actor): Promise<MyMessages> {
    const groups = studentGroups(actor);
    const [rows, unread] = await Promise.all([
      listMessagesFor(this.#db, actor.user.id, groups, 100),
      countUnreadFor(this.#db, actor.user.id, groups),
    ]);
    return { messages: rows.map(toMessageView), unread };
  }

  async markRead(actor: Actor, ids: string[]): Promise<{ unread: number }> {
    const groups = studentGroups(actor);
    await markMessagesRead(this.#db, actor.user.id, groups, ids, new Date());
    const unread = await countUnreadFor(this.#db, actor.user.id, groups);
    this.#bus.publish({ type: 'messages.read', userId: actor.user.id, unread });
    return { unread };
  }

  async #send(
    actor: Actor,
    m: { groupId: string; recipientId: string | null; body: string },
  ): Promise<TutorMessage> {
    const row = await insertTutorMessage(this.#db, {
      ...m,
      senderId: actor.user.id,
      kind: 'message',
      body: m.body.trim(),
    });
    this.#bus.publish({
      type: 'message.sent',
      messageId: row.id,
      groupId: m.groupId,
      recipientId: m.recipientId,
    });
    return toMessageView((await findMessageView(this.#db, row.id))!);
  }
}
