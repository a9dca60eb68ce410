/** Frames benchmark (issue 11): lives beside the package it measures. */
export { main } from '../packages/frames/bench/frames.ts';
