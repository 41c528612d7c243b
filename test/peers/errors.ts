// Typed errors of the test peers harness. Each names the input or peer at fault and says what to
// do; none ever holds a password or token (messages are built from URLs without credentials).

/** A peer could not start: its binary is missing, it exited, or it never answered. */
export class PeerStartError extends Error {
  override readonly name = 'PeerStartError';
}

/** A registry answered a push-side request with an unexpected status. */
export class RegistryRequestError extends Error {
  override readonly name = 'RegistryRequestError';
  constructor(
    message: string,
    readonly status: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** An ImageSpec (or other harness input) asks for something the harness cannot build. */
export class ImageSpecError extends Error {
  override readonly name = 'ImageSpecError';
}
