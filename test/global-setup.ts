/** Global test setup: nothing shared yet beyond a clean environment check. */
export default function setup(): void {}
