import type { FastifyBaseLogger } from 'fastify';
import type { Db, FeedRows } from '@tremplin/db';
import type { HelpRequestView } from '@tremplin/contracts';
import type { BatchLoader } from '../batch-loader.ts';
import { FeedLive } from './feed-live.ts';
import type { FeedLoader } from './feed-loader.ts';
import { GroupLive, type LiveContext } from './group-live.ts';
import { LearnerWatch } from './learner-watch.ts';
import type { ChannelStream } from './stream.ts';

export type Held = GroupLive | LearnerWatch | FeedLive;

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

/**
 * The channel states this instance holds, found by channel and by whom an event concerns. A state
 * nobody follows is kept a while (a short drop resumes it), then dropped.
 */
export class ChannelRegistry {
  readonly #db: Db;
  readonly #log: FastifyBaseLogger;
  readonly #ctx: LiveContext;
  readonly #loaders: { feeds: FeedLoader; helpViews: BatchLoader<string, HelpRequestView> };
  readonly #draftThrottleMs: number;
  readonly #groups = new Map<string, GroupLive>();
  readonly #watches = new Map<string, LearnerWatch>();
  readonly #feeds = new Map<string, FeedLive>();
  readonly #groupsByLearner = new Map<string, Set<GroupLive>>();
  readonly #feedsByGroup = new Map<string, Set<FeedLive>>();
  readonly #watchesByLearner = new Map<string, Set<LearnerWatch>>();
  readonly #holders = new Map<ChannelStream, Held>();
  readonly #unused = new Map<Held, number>();

  constructor(deps: {
    db: Db;
    log: FastifyBaseLogger;
    ctx: LiveContext;
    feeds: FeedLoader;
    draftThrottleMs: number;
  }) {
    this.#db = deps.db;
    this.#log = deps.log;
    this.#ctx = deps.ctx;
    this.#loaders = { feeds: deps.feeds, helpViews: deps.ctx.helpViews };
    this.#draftThrottleMs = deps.draftThrottleMs;
  }

  /** A group's learners are known: their events reach it from now on. */
  indexLearners(group: GroupLive, learnerIds: string[]): void {
    for (const id of learnerIds) addTo(this.#groupsByLearner, id, group);
  }

  group(groupId: string): GroupLive {
    let group = this.#groups.get(groupId);
    if (!group) {
      group = this.#hold(new GroupLive(this.#ctx, groupId));
      this.#groups.set(groupId, group);
    }
    return group;
  }

  watch(learnerId: string, groupId: string): LearnerWatch {
    const key = `${learnerId}:${groupId}`;
    let watch = this.#watches.get(key);
    if (!watch) {
      const group = this.group(groupId);
      watch = this.#hold(new LearnerWatch(this.#db, this.#log, learnerId, group, this.#draftThrottleMs));
      this.#watches.set(key, watch);
      addTo(this.#watchesByLearner, learnerId, watch);
    }
    return watch;
  }

  /** A learner's feed state; `preloaded`, read as their socket connected, spares a read. */
  feed(userId: string, groupIds: string[], preloaded?: FeedRows): FeedLive {
    let feed = this.#feeds.get(userId);
    if (!feed) {
      const created = this.#hold(
        new FeedLive(this.#db, this.#log, this.#loaders, userId, groupIds, preloaded),
      );
      this.#feeds.set(userId, created);
      for (const groupId of groupIds) addTo(this.#feedsByGroup, groupId, created);
      feed = created;
    }
    return feed;
  }

  loadedGroup(groupId: string): GroupLive | undefined {
    return this.#groups.get(groupId);
  }

  loadedFeed(userId: string): FeedLive | undefined {
    return this.#feeds.get(userId);
  }

  groupsOf(learnerId: string): Iterable<GroupLive> {
    return this.#groupsByLearner.get(learnerId) ?? [];
  }

  feedsOfGroup(groupId: string): Iterable<FeedLive> {
    return this.#feedsByGroup.get(groupId) ?? [];
  }

  watchesOf(learnerId: string): Iterable<LearnerWatch> {
    return this.#watchesByLearner.get(learnerId) ?? [];
  }

  allGroups(): Iterable<GroupLive> {
    return this.#groups.values();
  }

  /** A socket follows this state now: it is not to be dropped. */
  followed(held: Held): void {
    this.#unused.delete(held);
  }

  /** A socket stopped following a stream: its state may be dropped once nobody follows it. */
  released(stream: ChannelStream): void {
    const held = this.#holders.get(stream);
    if (held && stream.subscribers.size === 0) this.#unused.set(held, Date.now());
  }

  /** Forgets every state, followed or not: the next subscription to each reads it again. */
  dropAll(): void {
    for (const held of [...this.#holders.values()]) this.#drop(held);
  }

  /** Drops the states nobody followed for `keepMs` (a group stays while a learner channel uses it). */
  dropUnused(now: number, keepMs: number): void {
    for (const [held, since] of this.#unused) {
      if (now - since < keepMs) continue;
      if (held instanceof GroupLive && [...this.#watches.values()].some((w) => w.group === held)) continue;
      this.#drop(held);
    }
  }

  #hold<T extends Held>(held: T): T {
    this.#holders.set(held.stream, held);
    this.#unused.set(held, Date.now());
    held.ready.catch(() => this.#drop(held));
    return held;
  }

  #drop(held: Held): void {
    this.#unused.delete(held);
    this.#holders.delete(held.stream);
    if (held instanceof GroupLive) {
      if (this.#groups.get(held.groupId) === held) this.#groups.delete(held.groupId);
      for (const [learnerId, set] of this.#groupsByLearner) {
        set.delete(held);
        if (set.size === 0) this.#groupsByLearner.delete(learnerId);
      }
    } else if (held instanceof LearnerWatch) {
      held.dispose();
      const key = `${held.learnerId}:${held.group.groupId}`;
      if (this.#watches.get(key) === held) this.#watches.delete(key);
      this.#watchesByLearner.get(held.learnerId)?.delete(held);
    } else {
      if (this.#feeds.get(held.userId) === held) this.#feeds.delete(held.userId);
      for (const groupId of held.groupIds) this.#feedsByGroup.get(groupId)?.delete(held);
    }
  }
}
