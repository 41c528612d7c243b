// Several credential sources asked in turn: the logins the user typed in the app first, then the
// Docker config (config.json, credential helpers). The first that knows the registry answers.
import type { CredentialProvider, RegistryCredential } from './credentials.js';

export function chainCredentials(...providers: readonly CredentialProvider[]): CredentialProvider {
  return {
    async get(registry: string): Promise<RegistryCredential | undefined> {
      for (const provider of providers) {
        const found = await provider.get(registry);
        if (found !== undefined) return found;
      }
      return undefined;
    },
    forget(registry?: string): void {
      for (const provider of providers) provider.forget?.(registry);
    },
  };
}
