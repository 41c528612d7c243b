// The update of a container made by hand: `docker pull` of the new image, and what recreating it
// takes. A container cannot change its image; a new one must be created with every setting the
// old one was given (read from the Engine API's inspect: internal/platform/docker/container-setup.ts).
// The recreate line carries each of them over as a `docker run` flag and keeps the old container,
// renamed, until the user removes it. When some setting has no flag here, no recreate line is
// given at all, and the notes list what must be carried over by hand: a command that silently
// dropped a setting would lose it.
//
// Environment values are not shown (they often hold passwords): the run line reads each variable
// from the user's shell and stops with an error when one is not set (shell-quote.ts).
import type { ContainerSetup, MountSetting } from '../platform/docker/container-setup.js';
import { isPinned, respell } from './image-spelling.js';
import type { DockerPlace } from './places.js';
import {
  isShellName,
  requireVariables,
  shellCommand,
  variableFromShell,
  type ShellWord,
} from './shell-quote.js';
import type { CarriedSetting, ContainerAction, UpdateTarget } from './types.js';

/**
 * Variables every shell or login sets for itself (POSIX §2.5.3, §8.3, and bash's): read from the
 * user's shell they would carry its value, not the container's, so they are left to the user.
 */
const SHELL_OWN =
  /^(?:PATH|HOME|PWD|OLDPWD|SHELL|USER|LOGNAME|HOSTNAME|TERM|LANG|LANGUAGE|LC_[A-Z_]+|IFS|PS[1-4]|SHLVL|_|TMPDIR|MAIL|ENV|BASH_ENV|OPTIND|OPTARG|PPID|UID|EUID|RANDOM|LINENO|SECONDS)$/;

interface Recreation {
  readonly carryOver: CarriedSetting[];
  /** The docker run flags that carry them over, or why they cannot all be. */
  readonly runFlags: (string | ShellWord)[] | null;
  readonly problems: string[];
}

function recreation(setup: ContainerSetup): Recreation {
  const carryOver: CarriedSetting[] = [];
  const flags: (string | ShellWord)[] = [];
  const problems: string[] = [];
  const carry = (setting: string, value: string, ...flagWords: (string | ShellWord)[]) => {
    carryOver.push({ setting, value });
    flags.push(...flagWords);
  };

  for (const port of setup.ports) {
    const host = [port.hostIp.includes(':') ? `[${port.hostIp}]` : port.hostIp, port.hostPort]
      .filter((part) => part !== '')
      .join(':');
    const spec = host === '' ? port.containerPort : `${host}:${port.containerPort}`;
    carry('port', spec, '--publish', spec);
  }
  if (setup.publishAll) carry('ports', 'every exposed port (-P)', '--publish-all');
  for (const mount of setup.mounts) carry(...mountSetting(mount));
  for (const name of setup.env) {
    if (!isShellName(name))
      problems.push(`the environment variable ${JSON.stringify(name)} (not a shell name)`);
    else if (SHELL_OWN.test(name))
      problems.push(`the environment variable ${name} (your shell has its own ${name})`);
    else carry('env', `${name} (value not shown)`, '--env', variableFromShell(name));
  }
  if (setup.restart !== null) {
    const { name, maximumRetryCount } = setup.restart;
    const policy = name === 'on-failure' && maximumRetryCount > 0 ? `${name}:${maximumRetryCount}` : name;
    carry('restart', policy, '--restart', policy);
  }
  if (setup.network !== null) carry('network', setup.network, '--network', setup.network);
  for (const [key, value] of Object.entries(setup.labels))
    carry('label', `${key}=${value}`, '--label', `${key}=${value}`);
  if (setup.user !== null) carry('user', setup.user, '--user', setup.user);
  if (setup.workingDir !== null) carry('workdir', setup.workingDir, '--workdir', setup.workingDir);
  if (setup.hostname !== null) carry('hostname', setup.hostname, '--hostname', setup.hostname);
  const switches: [boolean, string, string][] = [
    [setup.tty, 'tty', '--tty'],
    [setup.interactive, 'stdin', '--interactive'],
    [setup.autoRemove, 'auto-remove', '--rm'],
    [setup.privileged, 'privileged', '--privileged'],
    [setup.init, 'init', '--init'],
    [setup.readOnlyRootfs, 'read-only', '--read-only'],
  ];
  for (const [on, setting, flag] of switches) if (on) carry(setting, 'yes', flag);
  for (const cap of setup.capAdd) carry('cap-add', cap, '--cap-add', cap);
  for (const cap of setup.capDrop) carry('cap-drop', cap, '--cap-drop', cap);
  for (const device of setup.devices) {
    const spec = `${device.host}:${device.container}:${device.permissions}`;
    carry('device', spec, '--device', spec);
  }
  for (const entry of setup.extraHosts) carry('add-host', entry, '--add-host', entry);
  for (const server of setup.dns) carry('dns', server, '--dns', server);
  for (const option of setup.securityOpt) carry('security-opt', option, '--security-opt', option);
  if (setup.memory !== null) carry('memory', `${setup.memory} bytes`, '--memory', `${setup.memory}b`);
  if (setup.nanoCpus !== null) {
    const cpus = String(setup.nanoCpus / 1e9);
    carry('cpus', cpus, '--cpus', cpus);
  }
  if (setup.command?.entrypoint != null) {
    const [first = '', ...rest] = setup.command.entrypoint;
    carry('entrypoint', JSON.stringify(setup.command.entrypoint), '--entrypoint', first);
    // --entrypoint takes one word: the rest of it goes before the command.
    carryOver.push({ setting: 'command', value: JSON.stringify([...rest, ...setup.command.cmd]) });
  } else if (setup.command !== null) {
    carryOver.push({ setting: 'command', value: JSON.stringify(setup.command.cmd) });
  }
  for (const network of setup.extraNetworks)
    carryOver.push({ setting: 'network', value: `${network} (joined later)` });
  for (const field of setup.other) {
    carryOver.push({ setting: field, value: 'set (see docker inspect)' });
    problems.push(`HostConfig.${field}`);
  }
  return { carryOver, runFlags: problems.length === 0 ? flags : null, problems };
}

/** The arguments after the image: what the container runs, when it is not the image's default. */
function commandArgs(setup: ContainerSetup): string[] {
  if (setup.command === null) return [];
  return [...(setup.command.entrypoint?.slice(1) ?? []), ...setup.command.cmd];
}

function mountSetting(mount: MountSetting): [string, string, ...string[]] {
  if (mount.type === 'tmpfs') {
    const spec = mount.options === '' ? mount.target : `${mount.target}:${mount.options}`;
    return ['tmpfs', spec, '--tmpfs', spec];
  }
  // `--mount` over `-v`: its fields are named, so a `:` in a path cannot shift them. Its value is
  // CSV (docker/cli opts/mount.go reads it with encoding/csv): a field with `,` or `"` is quoted.
  const csv = (field: string) => (/[,"\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field);
  const source = mount.type === 'bind' ? mount.source : mount.name;
  const fields = [`type=${mount.type}`, `source=${source}`, `target=${mount.target}`];
  if (mount.readOnly) fields.push('readonly');
  const shown = `${source}:${mount.target}${mount.readOnly ? ' (read-only)' : ''}`;
  const label =
    mount.type === 'volume' && mount.anonymous
      ? `${shown}, anonymous: reused by name so its data stays`
      : shown;
  return [mount.type === 'bind' ? 'bind' : 'volume', label, '--mount', fields.map(csv).join(',')];
}

/** The lines that recreate `setup` from `image`, keeping the old container as `<name>-old`. */
function recreateCommands(
  flags: readonly string[],
  setup: ContainerSetup,
  image: string,
  runFlags: readonly (string | ShellWord)[],
): string[] {
  const docker = ['docker', ...flags];
  const old = `${setup.name}-old`;
  const variables = setup.env.filter((name) => isShellName(name) && !SHELL_OWN.test(name));
  const line = [
    // Checked first: a missing variable stops the line before the old container is touched.
    ...(variables.length > 0 ? [requireVariables(variables)] : []),
    shellCommand([...docker, 'rename', setup.name, old]),
    shellCommand([...docker, 'stop', old]),
    shellCommand([
      ...docker,
      'run',
      '--detach',
      '--name',
      setup.name,
      ...runFlags,
      image,
      ...commandArgs(setup),
    ]),
    ...setup.extraNetworks.map((network) =>
      shellCommand([...docker, 'network', 'connect', network, setup.name]),
    ),
  ].join(' && ');
  return [line];
}

export interface ContainerActionInput {
  readonly place: DockerPlace;
  readonly target: UpdateTarget;
  readonly docker: readonly string[];
  /** The container's settings, or why they could not be read. */
  readonly setup: ContainerSetup | { readonly problem: string };
}

export function containerAction(input: ContainerActionInput): ContainerAction {
  const { place, target, docker, setup } = input;
  const base = {
    kind: 'container' as const,
    platform: place.platform,
    place: [place.host.name, place.container.name],
    container: place.container.name,
  };
  const notes: string[] = [];
  const written = 'problem' in setup ? place.image.name : setup.configImage;
  if (isPinned(written) && target.digest === null) {
    notes.push(`${written} is pinned by digest, and the new digest is not known (see above).`);
    return { ...base, image: null, notes, commands: [], carryOver: [] };
  }
  const image = respell(written, target.tag, target.digest);
  const pull = shellCommand(['docker', ...docker, 'pull', image]);
  if ('problem' in setup) {
    notes.push(
      `The container's settings could not be read (${setup.problem}): recreate it from ${image} with the same ports, volumes, environment and restart policy (docker inspect ${place.container.name} shows them).`,
    );
    return { ...base, image, notes, commands: [pull], carryOver: [] };
  }
  const { carryOver, runFlags, problems } = recreation(setup);
  notes.push(
    `This container was created by hand, so it is recreated from the new image with the settings below; the old one is kept as ${setup.name}-old (undo: docker rm -f ${setup.name}, then docker rename ${setup.name}-old ${setup.name} and docker start ${setup.name}; done: docker rm ${setup.name}-old).`,
  );
  if (setup.env.length > 0) {
    notes.push(
      `Environment values are not shown (they may hold secrets): export ${setup.env.join(', ')} in your shell first (docker inspect ${setup.name} shows the values); the command stops if one is missing.`,
    );
  }
  if (setup.autoRemove)
    notes.push('It was started with --rm: stopping it removes it, so the undo above is not possible.');
  if (runFlags === null) {
    notes.push(
      `Not every setting has a flag here (${problems.join(', ')}): no recreate command is given, since it would drop them. Recreate the container by hand with every setting below.`,
    );
    return { ...base, image, notes, commands: [pull], carryOver };
  }
  return {
    ...base,
    image,
    notes,
    commands: [pull, ...recreateCommands(docker, setup, image, runFlags)],
    carryOver,
  };
}
