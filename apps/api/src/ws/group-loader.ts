import {
  findLiveGroups,
  listGroupsActiveHelp,
  listLatestSigns,
  listLiveConnections,
  listRunningSessionViews,
  type Db,
  type HelpRequestViewRow,
  type LatestSignRow,
  type LiveConnectionRow,
  type LiveGroupRow,
  type LiveSessionViewRow,
} from '@tremplin/db';
import { BatchLoader, GATHER_MS } from '../batch-loader.ts';

export interface GroupRows {
  group: LiveGroupRow;
  signs: LatestSignRow[];
  connections: LiveConnectionRow[];
  help: HelpRequestViewRow[];
  session: LiveSessionViewRow | undefined;
}

type Around = Omit<GroupRows, 'group'>;

/**
 * Reads groups' live state in batches: the tutors opening their cockpits together (after an outage,
 * every one of them) cost a few statements for all of their groups, not a few each.
 */
export class GroupLoader {
  readonly #groups: BatchLoader<string, LiveGroupRow>;
  readonly #around: BatchLoader<string, Around>;
  readonly #learners = new Map<string, string[]>();

  constructor(db: Db, freshSince: (now: number) => Date) {
    this.#groups = new BatchLoader((ids) => findLiveGroups(db, ids), 200, GATHER_MS);
    this.#around = new BatchLoader(
      async (groupIds) => {
        const members = new Map(groupIds.map((id) => [id, new Set(this.#learners.get(id) ?? [])]));
        for (const id of groupIds) this.#learners.delete(id);
        const everyone = [...new Set([...members.values()].flatMap((ids) => [...ids]))];
        const [signs, connections, help, sessions] = await Promise.all([
          listLatestSigns(db, everyone),
          listLiveConnections(db, everyone, freshSince(Date.now())),
          listGroupsActiveHelp(db, groupIds),
          listRunningSessionViews(db, groupIds),
        ]);
        return new Map(
          groupIds.map((groupId) => {
            const mine = members.get(groupId)!;
            return [
              groupId,
              {
                signs: signs.filter((s) => mine.has(s.userId)),
                connections: connections.filter((c) => mine.has(c.userId)),
                help: help.filter((h) => h.groupId === groupId),
                session: sessions.find((s) => s.groupId === groupId),
              },
            ];
          }),
        );
      },
      200,
      GATHER_MS,
    );
  }

  /**
   * A group's rows, or undefined when it does not exist. `learnersKnown` is told the group's
   * learners before the rest is read (their events queue from then on).
   */
  async load(groupId: string, learnersKnown: (ids: string[]) => void): Promise<GroupRows | undefined> {
    const group = await this.#groups.load(groupId);
    if (!group) return undefined;
    const ids = group.learners.map((l) => l.id);
    learnersKnown(ids);
    this.#learners.set(groupId, ids);
    const around = await this.#around.load(groupId);
    return { group, ...around! };
  }
}
