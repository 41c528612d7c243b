// Mounts a Svelte component into happy-dom's document for a test, and waits for async work.
import { flushSync, mount, unmount, type Component } from 'svelte';

export interface Mounted {
  readonly target: HTMLElement;
  destroy(): void;
}

export function mountInto<P extends Record<string, unknown>>(component: Component<P>, props: P): Mounted {
  const target = document.createElement('div');
  document.body.append(target);
  const instance = mount(component, { target, props });
  flushSync();
  return {
    target,
    destroy() {
      void unmount(instance);
      target.remove();
    },
  };
}

/** Lets pending promises (fake bridge answers) settle and Svelte apply their effects. */
export async function settled(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
  flushSync();
}
