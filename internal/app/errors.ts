// Typed errors of the core's public methods: each names the input at fault and says what to do.

/** createApp was given options it cannot run with. */
export class AppOptionsError extends Error {
  override readonly name = 'AppOptionsError';
  constructor(
    /** The option at fault, e.g. `concurrency`. */
    readonly option: string,
    problem: string,
  ) {
    super(`createApp option "${option}" ${problem}`);
  }
}

/** checkNow was asked for an image no platform runs. */
export class UnknownImageError extends Error {
  override readonly name = 'UnknownImageError';
  constructor(readonly reference: string) {
    super(
      `image ${JSON.stringify(reference)} runs on no platform; pick one listed by listImages() (references are normalized, e.g. docker.io/library/nginx:1.25)`,
    );
  }
}

/** A method was called in the wrong state of the app's life. */
export class AppStateError extends Error {
  override readonly name = 'AppStateError';
}
