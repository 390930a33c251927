import { Type, type Static } from 'typebox';

/** Messages a client sends on /ws. */
export const ClientMessage = Type.Union([
  Type.Object({ type: Type.Literal('ping'), id: Type.Optional(Type.String({ maxLength: 64 })) }),
]);
export type ClientMessage = Static<typeof ClientMessage>;

/** Messages the server sends on /ws. */
export const ServerMessage = Type.Union([
  Type.Object({ type: Type.Literal('hello'), userId: Type.String() }),
  Type.Object({ type: Type.Literal('pong'), id: Type.Optional(Type.String()) }),
  Type.Object({ type: Type.Literal('error'), code: Type.String(), message: Type.String() }),
]);
export type ServerMessage = Static<typeof ServerMessage>;
