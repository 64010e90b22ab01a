export * from './business-config.ts';
export * from './call.ts';
export * from './call-note.ts';
export * from './event-record.ts';
export * from './transcript-line.ts';
export * from './user.ts';
