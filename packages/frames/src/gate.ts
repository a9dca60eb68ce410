/**
 * `@steno/frames/gate`: the frame gate and scope alone (no capture, no recogniser, no image
 * library), for a process that decides whether frames are allowed long before it takes one: the
 * agent loads the whole pipeline only once a scope allows frames.
 */
export { FrameGate, type FrameGateOptions, type FrameLeaseView } from './frame-gate.ts';
export { FrameScope, type ScopedWindow } from './frame-scope.ts';
