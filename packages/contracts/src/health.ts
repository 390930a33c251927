import { Type, type Static } from 'typebox';

export const Health = Type.Object({
  status: Type.Literal('ok'),
  engine: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
  version: Type.String(),
  /** Demo accounts with the public password exist: every page says so. */
  demo: Type.Boolean(),
});
export type Health = Static<typeof Health>;
