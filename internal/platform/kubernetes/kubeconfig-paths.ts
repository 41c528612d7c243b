// Which kubeconfig files kubectl would read, in merge order (client-go clientcmd/loader.go):
// `KUBECONFIG`, a list split on the OS path delimiter, else `~/.kube/config`. Apart from
// kubeconfig.ts because it needs no client library: discovery asks it first, and loads
// @kubernetes/client-node only when one of the files exists.
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** The files kubectl would read, in merge order. */
export function kubeconfigPaths(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string[] {
  const list = env['KUBECONFIG'];
  if (list !== undefined && list !== '') return list.split(delimiter).filter((path) => path !== '');
  return [join(home, '.kube', 'config')];
}
