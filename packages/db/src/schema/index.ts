export * from './people.ts';
export * from './programme.ts';
export * from './content.ts';
export * from './work.ts';
export * from './learning.ts';
export * from './tutoring.ts';
export * from './fair-use.ts';
export * from './coordination.ts';
