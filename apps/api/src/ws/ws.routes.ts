import { ClientMessage, errorMessage, type ServerMessage } from '@tremplin/contracts';
import type { FastifyInstance } from 'fastify';
import Compile from 'typebox/compile';
import type { WebSocket } from '@fastify/websocket';
import { requireActor } from '../plugins/auth.ts';

const checkClientMessage = Compile(ClientMessage);

function send(socket: WebSocket, message: ServerMessage): void {
  socket.send(JSON.stringify(message));
}

/** The live endpoint: authenticated at the upgrade, every message validated against the contracts. */
export async function wsRoutes(app: FastifyInstance) {
  app.get(
    '/ws',
    {
      websocket: true,
      // Refused before the upgrade: no socket is ever opened for an anonymous client.
      preValidation: async (request) => {
        requireActor(request);
      },
      schema: { hide: true },
    },
    (socket, request) => {
      const actor = requireActor(request);
      send(socket, { type: 'hello', userId: actor.user.id });
      socket.on('message', (raw: Buffer) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(raw.toString());
        } catch {
          parsed = undefined;
        }
        if (!checkClientMessage.Check(parsed)) {
          send(socket, {
            type: 'error',
            code: 'TREMPLIN_ERR_WS_INVALID_MESSAGE',
            message: errorMessage('TREMPLIN_ERR_WS_INVALID_MESSAGE', request.locale),
          });
          return;
        }
        const message = parsed;
        if (message.type === 'ping')
          send(socket, message.id ? { type: 'pong', id: message.id } : { type: 'pong' });
      });
    },
  );
}
