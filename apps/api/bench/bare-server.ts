// The ceiling of `pnpm bench:live`: a bare `ws` server routing each student message to the
// sockets of their group's tutor, with no authentication, database or state: the least any
// server must do to carry the same messages.
import { WebSocketServer, type WebSocket } from 'ws';
import { writeHeapSnapshot } from 'node:v8';
import { collectGarbage, watchProcess } from './diagnostics.ts';

if (!process.send) throw new Error('usage: forked by live.bench.ts');

const tutors = new Map<string, Set<WebSocket>>();
const seqs = new Map<string, number>();
const server = new WebSocketServer({
  host: '127.0.0.1',
  port: 0,
  perMessageDeflate: false,
  maxPayload: 64 * 1024,
});

server.on('connection', (socket, request) => {
  const query = new URL(request.url ?? '/', 'http://x').searchParams;
  const group = query.get('group') ?? '';
  const id = query.get('id') ?? '';
  if (query.get('role') === 'tutor') {
    let set = tutors.get(group);
    if (!set) tutors.set(group, (set = new Set()));
    set.add(socket);
    socket.on('close', () => set.delete(socket));
    return;
  }
  socket.on('message', (raw: Buffer) => {
    const action = JSON.parse(raw.toString()) as { type: string; exerciseId?: string };
    const seq = (seqs.get(group) ?? 0) + 1;
    seqs.set(group, seq);
    const payload = JSON.stringify({
      type: 'tile',
      channel: `group:${group}`,
      seq,
      tile: {
        learnerId: id,
        presence: 'online',
        exercise: { id: action.exerciseId ?? null },
        last: action.type,
        at: Date.now(),
      },
    });
    for (const tutor of tutors.get(group) ?? []) tutor.send(payload);
  });
});

server.on('listening', () => {
  const address = server.address();
  process.send!({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0 });
});
const diagnostics = watchProcess();
process.on('message', (message: { type: string }) => {
  if (message.type === 'diagnostics') process.send!({ type: 'diagnostics', ...diagnostics.take() });
  if (message.type === 'sockets') process.send!({ type: 'sockets', count: server.clients.size });
  if (message.type === 'collect') {
    collectGarbage();
    process.send!({ type: 'collected' });
  }
  if (message.type === 'heap') {
    writeHeapSnapshot((message as { file?: string }).file);
    process.send!({ type: 'heap' });
  }
  if (message.type === 'statements') process.send!({ type: 'statements', count: 0 });
  if (message.type === 'stop') server.close(() => process.exit(0));
});
