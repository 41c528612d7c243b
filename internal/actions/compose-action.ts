// The update of a compose service: the diff of its `image:` in the compose file that sets it, and
// `docker compose … pull <service> && docker compose … up -d <service>` with the project's own
// files, directory and name (from the labels Compose puts on each container), so the command acts
// on that project whatever directory it is run from. The file is read only when the daemon is on
// this machine (its paths are then this machine's); otherwise the notes say where the change goes.
import { dirname, relative, isAbsolute } from 'node:path';
import { messageOf } from '../model/message-of.js';
import { locateServiceImage, scalarText, type ComposeFile, type ImageSite } from './compose-image-site.js';
import { isPinned, respell, sameRepository } from './image-spelling.js';
import { COMPOSE_LABELS, type DockerPlace } from './places.js';
import { shellCommand } from './shell-quote.js';
import type { ComposeAction, FileEdit, UpdateTarget } from './types.js';
import { unifiedDiff } from './unified-diff.js';

export interface ComposeActionInput {
  readonly place: DockerPlace & { readonly compose: NonNullable<DockerPlace['compose']> };
  readonly target: UpdateTarget;
  /** The docker CLI's global flags that reach the daemon (docker-cli.ts). */
  readonly docker: readonly string[];
  /** False when the daemon's files are on another machine. */
  readonly filesHere: boolean;
  readonly readFile: (path: string) => Promise<string>;
}

export async function composeAction(input: ComposeActionInput): Promise<ComposeAction> {
  const { place, target } = input;
  const { project, service } = place.compose;
  const labels = place.container.labels ?? {};
  const files = list(labels[COMPOSE_LABELS.configFiles]);
  const workingDir = labels[COMPOSE_LABELS.workingDir] ?? null;
  const envFiles = list(labels[COMPOSE_LABELS.environmentFile]);

  const compose = [
    'docker',
    ...input.docker,
    'compose',
    ...files.flatMap((file) => ['-f', file]),
    // Compose resolves relative paths and `.env` from the first file's directory unless told otherwise.
    ...(workingDir !== null && (files[0] === undefined || dirname(files[0]) !== workingDir)
      ? ['--project-directory', workingDir]
      : []),
    ...envFiles.flatMap((file) => ['--env-file', file]),
    '-p',
    project,
  ];
  const services = service.startsWith('-') ? ['--', service] : [service];
  const commands = [
    `${shellCommand([...compose, 'pull', ...services])} && ${shellCommand([...compose, 'up', '-d', ...services])}`,
  ];
  const notes: string[] = [];
  const base = {
    kind: 'compose' as const,
    platform: place.platform,
    place: [place.host.name, project, service],
    project,
    service,
    files,
    workingDir,
    commands,
  };
  const fallbackImage = nextImage(place.image.name, target);

  if (files.length === 0) {
    notes.push(
      `The container has no ${COMPOSE_LABELS.configFiles} label (an old docker-compose made it): change the image of service ${service} to ${fallbackImage ?? target.tag} in its compose file, then run the command in the project's directory.`,
    );
    return { ...base, image: fallbackImage, notes, edit: null };
  }
  if (!input.filesHere) {
    notes.push(
      `The compose files are on the Docker host ${place.host.name} (${place.host.endpoint}), not on this machine: change the image of service ${service} to ${fallbackImage ?? target.tag} there.`,
    );
    return { ...base, image: fallbackImage, notes, edit: null };
  }

  const read: ComposeFile[] = [];
  for (const path of files) {
    try {
      read.push({ path, text: await input.readFile(path) });
    } catch (error) {
      notes.push(
        `Cannot read ${path} (${messageOf(error)}): change the image of service ${service} to ${fallbackImage ?? target.tag} by hand, then run the command.`,
      );
      return { ...base, image: fallbackImage, notes, edit: null };
    }
  }
  const located = locateServiceImage(read, service);
  if ('problem' in located) {
    notes.push(`${located.problem}. Then run the command.`);
    return { ...base, image: fallbackImage, notes, edit: null };
  }
  const { site } = located;
  const edited = edit(site, read, target, workingDir, place.image.name, notes);
  return { ...base, image: edited.image, notes, edit: edited.edit };
}

function edit(
  site: ImageSite,
  files: readonly ComposeFile[],
  target: UpdateTarget,
  workingDir: string | null,
  running: string,
  notes: string[],
): { image: string | null; edit: FileEdit | null } {
  const where = `${site.file} line ${site.line}`;
  if (site.kind === 'interpolated') {
    notes.push(
      `The image is ${site.value} (${where}): it comes from ${site.variables.join(', ')}, set in the environment of docker compose or the project's .env file. Change ${site.variables.length === 1 ? 'it' : 'them'} there so that the image becomes ${nextImage(running, target) ?? target.tag}; the compose file itself stays as it is.`,
    );
    return { image: null, edit: null };
  }
  let next: string | null;
  try {
    if (!sameRepository(site.value, running)) {
      notes.push(
        `${where} names ${site.value}, but the container runs ${running}: the file changed after the container was made, so it is not edited. Check it, then run the command.`,
      );
      return { image: null, edit: null };
    }
    next = nextImage(site.value, target);
  } catch (error) {
    notes.push(`${where}: ${messageOf(error)}`);
    return { image: null, edit: null };
  }
  if (next === null) {
    notes.push(
      `${site.value} is pinned by digest, and the new digest is not known (see above): the file is not edited.`,
    );
    return { image: null, edit: null };
  }
  if (next === site.value) {
    notes.push(
      target.bump === 'digest'
        ? `The tag stays ${target.tag}: pull fetches its new content and up -d recreates the container; the file stays as it is.`
        : `${where} already says ${next}: the command brings the container to it.`,
    );
    return { image: next, edit: null };
  }
  if (site.anchor !== null && site.anchor.aliases > 0) {
    notes.push(
      `The image is written once, as the anchor &${site.anchor.name} (${where}), and used in ${site.anchor.aliases} place(s) of that file through *${site.anchor.name}: they all change with it.`,
    );
  }
  const text = files.find((file) => file.path === site.file)?.text ?? '';
  const directory = workingDir !== null && inside(site.file, workingDir) ? workingDir : dirname(site.file);
  const path = relative(directory, site.file);
  if (/[\p{Cc}]/u.test(path)) {
    notes.push(
      `The file name ${JSON.stringify(path)} holds control characters: no diff can name it. Change ${where} by hand.`,
    );
    return { image: next, edit: null };
  }
  const diff = unifiedDiff(path, text, {
    start: site.start,
    end: site.end,
    text: scalarText(next, site.style),
  });
  return { image: next, edit: { file: site.file, line: site.line, directory, diff } };
}

/** `written` moved to the target; null when it is pinned and the new digest is unknown. */
function nextImage(written: string, target: UpdateTarget): string | null {
  if (isPinned(written) && target.digest === null) return null;
  return respell(written, target.tag, target.digest);
}

function inside(file: string, directory: string): boolean {
  const path = relative(directory, file);
  return path !== '' && !path.startsWith('..') && !isAbsolute(path);
}

/** A comma-separated label (Compose joins paths with `,`), empty entries dropped. */
function list(label: string | undefined): string[] {
  return (label ?? '').split(',').filter((entry) => entry !== '');
}
