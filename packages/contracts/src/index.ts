export * from './common.ts';
export * from './errors.ts';
export * from './auth.ts';
export * from './groups.ts';
export * from './health.ts';
export * from './ws.ts';
export * from './learning.ts';
export * from './tutoring.ts';
