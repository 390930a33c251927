// What the benchmarks and drills read of their processes in /proc (resident memory, CPU time,
// children), a free port to start one on, and the messages of a forked one.
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';

/** Resident memory of a process, in KB (0 once it is gone). */
export function rssKb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/**
 * Resident memory of a process's WebAssembly memories, in KB (the embedded database's, PGlite's):
 * V8 maps each as a read-write anonymous region followed by an inaccessible reservation of at least
 * 4 GB, its room to grow and its guard. 0 when it has none, or once it is gone.
 */
export function wasmMemoryKb(pid: number): number {
  let smaps: string;
  try {
    smaps = readFileSync(`/proc/${pid}/smaps`, 'utf8');
  } catch {
    return 0;
  }
  let total = 0;
  /** The region read last, until the next one starts. */
  let current: { end: bigint; rwAnonymous: boolean; rssKb: number } | undefined;
  for (const line of smaps.split('\n')) {
    const region = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ (\S+) (\d+)\s*(.*)$/.exec(line);
    if (region) {
      const [, from = '0', to = '0', perms = '', device, inode, name] = region;
      const start = BigInt(`0x${from}`);
      const end = BigInt(`0x${to}`);
      const anonymous = device === '00:00' && inode === '0' && name === '';
      if (
        current?.rwAnonymous &&
        current.end === start &&
        anonymous &&
        perms === '---p' &&
        end - start >= 4n << 30n
      )
        total += current.rssKb;
      current = { end, rwAnonymous: anonymous && perms.startsWith('rw'), rssKb: 0 };
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss && current) current.rssKb = Number(rss[1]);
  }
  return total;
}

/** Resident memory of a process, in MB (0 once it is gone). */
export function rssMb(pid: number): number {
  return Math.round(rssKb(pid) / 1024);
}

/** A port nobody listens on now on the loopback (the kernel's pick, released at once). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** CPU time (user + system) a process used so far, in ms (0 once it is gone). */
export function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

/** Every process with its parent and command name (one pass over /proc). */
function processTable(): Array<{ pid: number; ppid: number; name: string }> {
  const table = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      table.push({ pid: Number(entry), ppid, name });
    } catch {
      // gone meanwhile
    }
  }
  return table;
}

/** A process and all its descendants (a server's grader workers, PostgreSQL's backends). */
export function familyOf(pid: number): number[] {
  const table = processTable();
  const family = [pid];
  for (let i = 0; i < family.length; i += 1) {
    for (const p of table) if (p.ppid === family[i]) family.push(p.pid);
  }
  return family;
}

/** Processes by command name (e.g. every `postgres` process of the machine's server). */
export function processesNamed(name: string): number[] {
  return processTable()
    .filter((p) => p.name === name)
    .map((p) => p.pid);
}

/** A process's command line, its arguments joined by spaces ('' once it is gone). */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** The next IPC message of `type` from a forked child; rejects on a `failed` message or its exit. */
export function nextMessage<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`${type}: the child exited (${code})`));
    const onMessage = (message: { type: string; error?: string }) => {
      if (message.type === 'failed') reject(new Error(message.error));
      if (message.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message as T);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
