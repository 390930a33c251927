export * from './apply.ts';
export * from './check.ts';
export * from './columns.ts';
export * from './messages.ts';
export * from './parse.ts';
