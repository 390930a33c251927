import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAllGroups } from '../groups.ts';
import { findUserByEmail } from '../users.ts';
import { createTestDatabase, type TestDatabase } from '../../test-support/index.ts';
import { loadFeeds } from './feeds.ts';
import { countUnreadFor, insertTutorMessage, listMessagesFor, markMessagesRead } from './messages.ts';

let database: TestDatabase;
const id = async (who: string) => (await findUserByEmail(database.db, `${who}@tremplin.test`))!.id;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('loadFeeds', () => {
  it('gives each learner the same feed as reading it alone', async () => {
    const db = database.db;
    const groups = await listAllGroups(db);
    const lome = groups.find((g) => g.name === 'Groupe Lomé 1')!.id;
    const kara = groups.find((g) => g.name === 'Groupe Kara 1')!.id;
    const [tutor, one, two, twenty] = await Promise.all(
      ['tuteur1', 'etudiant1', 'etudiant2', 'etudiant20'].map(id),
    );
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 9, minute));
    const sent = [
      await insertTutorMessage(db, {
        groupId: lome,
        senderId: tutor!,
        recipientId: null,
        body: 'à tous',
        createdAt: at(1),
      }),
      await insertTutorMessage(db, {
        groupId: lome,
        senderId: tutor!,
        recipientId: one!,
        body: 'à toi',
        createdAt: at(2),
      }),
      await insertTutorMessage(db, {
        groupId: kara,
        senderId: tutor!,
        recipientId: null,
        body: 'Kara',
        createdAt: at(3),
      }),
      await insertTutorMessage(db, {
        groupId: lome,
        senderId: tutor!,
        recipientId: null,
        body: 'encore',
        createdAt: at(4),
      }),
    ];
    await markMessagesRead(db, one!, [lome], [sent[0]!.id, sent[1]!.id], at(5));
    const readers = [
      { userId: one!, groupIds: [lome] },
      { userId: two!, groupIds: [lome] },
      { userId: twenty!, groupIds: [kara] },
    ];
    const feeds = await loadFeeds(db, readers, 2);
    for (const reader of readers) {
      const alone = await listMessagesFor(db, reader.userId, reader.groupIds, 2);
      const feed = feeds.get(reader.userId)!;
      expect(feed.messages.map((m) => [m.id, m.readAt?.toISOString() ?? null])).toEqual(
        alone.map((m) => [m.id, m.readAt?.toISOString() ?? null]),
      );
      expect(feed.unread).toBe(await countUnreadFor(db, reader.userId, reader.groupIds));
    }
    expect(feeds.get(one!)!.messages.map((m) => m.body)).toEqual(['encore', 'à toi']);
    expect(feeds.get(one!)!.unread).toBe(1);
    expect(feeds.get(two!)!.unread).toBe(2);
    expect(feeds.get(twenty!)!.messages.map((m) => m.body)).toEqual(['Kara']);
  });
});
