// Placeholder until the peers harness lands: starts nothing.
export default function setup(): void {}
