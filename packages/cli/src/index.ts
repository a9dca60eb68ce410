/** @steno/cli: the `steno` command. */
export { buildProgram, main } from './main.ts';
