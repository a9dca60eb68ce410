/** @steno/protocol: the wire protocol shared by agents and the server. Pure: no I/O. */
export * from './batch.ts';
export * from './canonical.ts';
export * from './enrolment.ts';
export * from './errors.ts';
export * from './events.ts';
export * from './ids.ts';
export * from './lease.ts';
export * from './limits.ts';
export * from './program-pause.ts';
export * from './signing.ts';
export * from './version.ts';
