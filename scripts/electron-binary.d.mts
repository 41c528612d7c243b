// Types of electron-binary.mjs, for the tests that import it.
export function installedElectron(): string | undefined;
export function electronBinary(options: {
  readonly log: (message: string) => void;
}): { readonly path: string; readonly missing?: never } | { readonly missing: string; readonly path?: never };
