// The message of anything thrown: an Error's message, else the value as text. Shared by the core
// and the renderer, so that no caller casts `error as Error` and prints `undefined` for a thrown
// string.
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
