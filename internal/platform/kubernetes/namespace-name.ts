// A namespace name as Kubernetes accepts it: an RFC 1123 label (Kubernetes docs, "Namespaces" and
// "Object Names and IDs": lowercase letters, digits and '-', starting and ending alphanumeric, at
// most 63 characters).
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Undefined when `name` can be a namespace, else why not. */
export function namespaceNameProblem(name: string): string | undefined {
  if (name.length > 63) return 'is longer than 63 characters, the limit of a namespace name';
  if (!LABEL.test(name))
    return 'is not a namespace name (lowercase letters, digits and "-", starting and ending with a letter or digit)';
  return undefined;
}
